// Hash routes (#/review, #/review/t-1): a route is {path, page, roles, nav},
// where path may hold {names} matching one segment each. Adding a page is a
// row in app.js's table and one module under pages/.

// The route of `routes` that `hash` names, with its {names} filled in;
// null when none does. A query after the path ("#/kpi?since=2026-03") is
// the page's own (queryOf) and does not choose the route.
export function matchRoute(routes, hash) {
  const path = (hash.startsWith('#') ? hash.slice(1) : hash).split('?')[0] || '/';
  const segments = path.split('/').filter(Boolean);
  for (const route of routes) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== segments.length) {
      continue;
    }
    const params = {};
    const matches = pattern.every((part, i) => {
      if (part.startsWith('{') && part.endsWith('}')) {
        params[part.slice(1, -1)] = decodeURIComponent(segments[i]);
        return true;
      }
      return part === segments[i];
    });
    if (matches) {
      return { route, params };
    }
  }
  return null;
}

// Calls `show(hash)` now and at every change of the hash that is a route
// ("#/..."); other fragments (a skip link's #main) are not routes.
export function startRouter(show) {
  window.addEventListener('hashchange', () => {
    if (location.hash.startsWith('#/') || location.hash === '') {
      show(location.hash);
    }
  });
  show(location.hash);
}

export function navigate(path) {
  if (location.hash === `#${path}`) {
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = path;
  }
}

// The query of the current hash ("#/kpi?bot=x" -> {bot: 'x'}).
export function queryOf(hash = location.hash) {
  const at = hash.indexOf('?');
  return Object.fromEntries(new URLSearchParams(at < 0 ? '' : hash.slice(at + 1)));
}
