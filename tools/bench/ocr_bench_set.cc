#include "tools/bench/ocr_bench_set.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "runtime/core/value.h"

namespace travet::ocr_bench {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kConditionOrder = {"clean",  "skewed",  "fax",  "noisy",
                                                  "lowdpi", "rotated", "photo"};

Result<Value> ReadJson(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return NotFound(path.string() + ": cannot be read");
  }
  std::stringstream text;
  text << in.rdbuf();
  Value v = Value::parse(text.str(), nullptr, false);
  if (v.is_discarded() || !v.is_object()) {
    return InvalidArgument(path.string() + ": not a JSON object");
  }
  return v;
}

Result<BenchPage> PageOf(const fs::path& json_path, const Value& v) {
  BenchPage page;
  page.image = json_path.parent_path() / v.value("image", "");
  page.name = json_path.stem().string();
  page.kind = v.value("kind", "");
  page.condition = v.value("condition", "");
  page.text = v.value("text", "");
  if (v.contains("pages") && v["pages"].is_array() && v["pages"].size() == 1) {
    page.page = v["pages"][0].value("page", 1);
  }
  page.document = page.name;
  const std::string suffix = "-p" + std::to_string(page.page);
  if (page.name.ends_with(suffix)) {
    page.document.resize(page.name.size() - suffix.size());
  }
  if (!fs::exists(page.image)) {
    return NotFound(json_path.string() + ": its image " + page.image.string() + " is missing");
  }
  return page;
}

void AddToDocument(BenchSet& set, int index, const Value& v) {
  const BenchPage& page = set.pages[index];
  auto it = std::find_if(set.documents.begin(), set.documents.end(),
                         [&](const BenchDocument& d) { return d.name == page.document; });
  if (it == set.documents.end()) {
    BenchDocument doc{page.document, page.kind, page.condition, {}, {}};
    const auto fields = v.find("fields");
    if (fields != v.end() && fields->is_object()) {
      for (auto it = fields->begin(); it != fields->end(); ++it) {
        doc.fields[it.key()] = it->is_string() ? it->get<std::string>() : it->dump();
      }
    }
    set.documents.push_back(std::move(doc));
    it = set.documents.end() - 1;
  }
  it->pages.push_back(index);
  std::sort(it->pages.begin(), it->pages.end(),
            [&](int a, int b) { return set.pages[a].page < set.pages[b].page; });
}

}  // namespace

Result<BenchSet> LoadSet(const fs::path& dir) {
  std::vector<fs::path> jsons;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".json") {
      jsons.push_back(it->path());
    }
  }
  if (ec) {
    return NotFound(dir.string() + ": " + ec.message());
  }
  std::sort(jsons.begin(), jsons.end());
  BenchSet set;
  std::vector<Value> values;
  for (const fs::path& path : jsons) {
    auto v = ReadJson(path);
    if (!v) {
      return v.error();
    }
    if (!v->contains("image") || !v->contains("text")) {
      continue;
    }
    auto page = PageOf(path, *v);
    if (!page) {
      return page.error();
    }
    set.pages.push_back(std::move(*page));
    values.push_back(std::move(*v));
  }
  if (set.pages.empty()) {
    return NotFound(dir.string() + ": no scangen page (NAME.json beside an image) found");
  }
  for (size_t i = 0; i < set.pages.size(); ++i) {
    AddToDocument(set, static_cast<int>(i), values[i]);
  }
  return set;
}

std::vector<std::string> ConditionsOf(const BenchSet& set) {
  std::vector<std::string> out;
  for (const std::string& c : kConditionOrder) {
    if (std::any_of(set.pages.begin(), set.pages.end(),
                    [&](const BenchPage& p) { return p.condition == c; })) {
      out.push_back(c);
    }
  }
  for (const BenchPage& p : set.pages) {
    if (std::find(out.begin(), out.end(), p.condition) == out.end()) {
      out.push_back(p.condition);
    }
  }
  return out;
}

bool IsTargetDegraded(const std::string& condition) {
  return condition == "skewed" || condition == "fax" || condition == "noisy" ||
         condition == "lowdpi";
}

}  // namespace travet::ocr_bench
