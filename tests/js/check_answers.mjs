// Checks answers a server gave against the schemas its OpenAPI document
// declares for them.
// Usage: node check_answers.mjs OPENAPI.json ANSWERS.json
// ANSWERS.json: [{"method": "get", "path": "/api/v1/runs/{id}", "status": 200, "body": ...}]
// Prints one line per answer that does not match, and every component
// schema no answer was checked against; exits 1 if there is any.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';

const [documentFile, answersFile] = process.argv.slice(2);
const document = JSON.parse(readFileSync(documentFile, 'utf8'));
const answers = JSON.parse(readFileSync(answersFile, 'utf8'));
// Not strict: the wrapper below carries `components` beside the schema so
// that "#/components/schemas/..." resolves as it does in the document.
const ajv = new Ajv2020({ strict: false, allErrors: true });

const problems = [];
const checked = new Set();
for (const { method, path, status, body } of answers) {
  const where = `${method.toUpperCase()} ${path} ${status}`;
  const content = document.paths?.[path]?.[method]?.responses?.[String(status)]?.content;
  const schema = content?.['application/json']?.schema;
  if (!schema) {
    problems.push(`${where}: the document declares no JSON answer`);
    continue;
  }
  const ref = schema.$ref ?? '';
  if (ref) checked.add(ref.split('/').pop());
  const validate = ajv.compile({ ...schema, components: document.components });
  if (!validate(body)) {
    const errors = validate.errors.map((e) => `${e.instancePath || '/'} ${e.message}`);
    problems.push(`${where}: ${errors.join('; ')}`);
  }
}

// Every named answer schema a route uses must have met a real answer.
const used = new Set();
for (const operations of Object.values(document.paths)) {
  for (const operation of Object.values(operations)) {
    for (const response of Object.values(operation.responses ?? {})) {
      const ref = response.content?.['application/json']?.schema?.$ref;
      if (ref) used.add(ref.split('/').pop());
    }
  }
}
for (const name of used) {
  if (!checked.has(name)) problems.push(`${name}: no answer was checked against it`);
}

for (const line of problems) console.log(line);
console.log(`${answers.length} answers checked, ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
