// Search in the static archive, on the Pagefind index built beside its pages (pagefind/).
//
// Pagefind returns only the pages that hold every word of a query, so a question such as
// "national support provision" can find a single page where the live site, which also ranks near
// matches, finds five. When fewer than a page of results hold every word, pages holding all
// words but one follow under their own heading, then all but two, and so on. Quoted phrases stay
// whole. The same function answers the page and the tests that compare it with the live search.

const TOP_UP_BELOW = 5; // relax the query while fewer pages than this hold every word
const PAGE_SIZE = 10;
const MAX_LOOSER_QUERIES = 12; // per level, so a long question stays quick
// The facets to offer, from the site's registry (resources/facets.py) via the page's data-facets.
let FACETS = [];

/** The archive's root: this page is search/index.html, one folder below it. */
function archiveRoot() {
  return new URL("../", location.href);
}

/** Pagefind's JS API, set up with the ranking the export chose (see archive/export.py). */
export async function loadPagefind(ranking) {
  const root = archiveRoot();
  const pagefind = await import(new URL("pagefind/pagefind.js", root).href);
  await pagefind.options({ baseUrl: root.pathname, ranking: ranking || {} });
  await pagefind.init();
  return pagefind;
}

/** The query's terms: quoted phrases kept whole, everything else split on spaces. */
export function terms(query) {
  return (query.match(/"[^"]+"|\S+/g) || []).filter((term) => term.replace(/"/g, "").trim());
}

function* combinations(items, size, start = 0, chosen = []) {
  if (chosen.length === size) {
    yield chosen;
    return;
  }
  for (let i = start; i <= items.length - (size - chosen.length); i++) {
    yield* combinations(items, size, i + 1, [...chosen, items[i]]);
  }
}

/**
 * Results for `query` within `filters` ({facet: [values]}: any value within a facet, every facet).
 * Returns {every: [...], some: [...]}, Pagefind results (call .data() for their text), best first.
 */
export async function archiveSearch(pagefind, query, filters = {}, topUpBelow = TOP_UP_BELOW) {
  const pagefindFilters = {};
  for (const [facet, values] of Object.entries(filters)) {
    if (values.length) pagefindFilters[facet] = { any: values };
  }
  const words = terms(query);
  const first = await pagefind.search(words.length ? query : null, { filters: pagefindFilters });
  const every = first.results;
  const some = [];
  const seen = new Set(every.map((result) => result.id));
  for (let size = words.length - 1; size >= 1 && every.length + some.length < topUpBelow; size--) {
    const level = new Map();
    let asked = 0;
    for (const subset of combinations(words, size)) {
      if (asked++ >= MAX_LOOSER_QUERIES) break;
      const looser = await pagefind.search(subset.join(" "), { filters: pagefindFilters });
      for (const result of looser.results) {
        if (seen.has(result.id)) continue;
        const best = level.get(result.id);
        if (!best || result.score > best.score) level.set(result.id, result);
      }
    }
    const ranked = [...level.values()].sort((a, b) => b.score - a.score);
    ranked.forEach((result) => seen.add(result.id));
    some.push(...ranked);
  }
  return { every, some };
}

// -- the page ----------------------------------------------------------------------------------

/** Pagefind's excerpt as DOM nodes: its text, with only its <mark> highlights kept as markup. */
function excerptNodes(html) {
  const template = document.createElement("template");
  template.innerHTML = html || "";
  return [...template.content.childNodes].map((node) => {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      return mark;
    }
    return document.createTextNode(node.textContent);
  });
}

function element(name, attributes = {}, children = []) {
  const made = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) made.setAttribute(key, value);
  for (const child of children) made.append(child);
  return made;
}

function resultItem(data) {
  const link = element("a", { href: data.url, class: "archive-result__link" }, [
    data.meta.title || data.url,
  ]);
  const facts = [...(data.filters.type || []), ...(data.filters.year || [])].join(" · ");
  const item = element("li", { class: "archive-result" }, [
    element("h3", { class: "archive-result__title" }, [link]),
  ]);
  if (facts) item.append(element("p", { class: "archive-result__facts" }, [facts]));
  item.append(element("p", { class: "archive-result__excerpt" }, excerptNodes(data.excerpt)));
  const sections = (data.sub_results || []).filter((sub) => sub.url.includes("#")).slice(0, 3);
  if (sections.length) {
    const list = element("ul", { class: "archive-result__sections", "aria-label": "Sections" });
    for (const section of sections) {
      list.append(
        element("li", {}, [
          element("a", { href: section.url }, [section.title]),
          element("span", {}, [": ", ...excerptNodes(section.excerpt)]),
        ]),
      );
    }
    item.append(list);
  }
  return item;
}

function chosenFilters(form) {
  const chosen = {};
  for (const { name: facet } of FACETS) {
    chosen[facet] = [...form.querySelectorAll(`input[name="${facet}"]:checked`)].map((i) => i.value);
  }
  return chosen;
}

function filterControls(available, fromUrl) {
  const groups = [];
  for (const { name: facet, label, newestFirst } of FACETS) {
    const counts = available[facet] || {};
    const values = Object.keys(counts).sort((a, b) =>
      newestFirst ? b.localeCompare(a) : a.localeCompare(b),
    );
    if (!values.length) continue;
    const chosen = fromUrl.getAll(facet);
    const fieldset = element("fieldset", { class: "archive-filter" }, [
      element("legend", {}, [label]),
    ]);
    values.forEach((value, index) => {
      const id = `filter-${facet}-${index}`;
      const box = element("input", { type: "checkbox", id, name: facet, value });
      box.checked = chosen.includes(value);
      fieldset.append(
        element("div", { class: "archive-filter__option" }, [
          box,
          element("label", { for: id }, [`${value} (${counts[value]})`]),
        ]),
      );
    });
    const details = element("details", { class: "archive-filter-group" }, [
      element("summary", {}, [chosen.length ? `${label} (${chosen.length} chosen)` : label]),
      fieldset,
    ]);
    details.open = chosen.length > 0;
    groups.push(details);
  }
  return groups;
}

async function mount(root) {
  const form = root.querySelector("form");
  const input = form.querySelector('input[name="q"]');
  const status = root.querySelector("[role=status]");
  const results = root.querySelector(".archive-results");
  const more = root.querySelector(".archive-more");
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  FACETS = JSON.parse(root.dataset.facets || "[]");

  let pagefind;
  try {
    pagefind = await loadPagefind(JSON.parse(root.dataset.ranking || "{}"));
  } catch (error) {
    status.textContent = "The search index could not be loaded, so search is not available here.";
    return;
  }
  form.querySelector(".archive-filters").replaceChildren(
    ...filterControls(await pagefind.filters(), params),
  );

  let queue = []; // [{result, group}] not yet shown
  let lists = {};

  async function showMore(moveFocus) {
    const batch = queue.splice(0, PAGE_SIZE);
    const data = await Promise.all(batch.map(({ result }) => result.data()));
    let firstLink = null;
    batch.forEach(({ group }, index) => {
      const item = resultItem(data[index]);
      lists[group].append(item);
      firstLink = firstLink || item.querySelector("a");
    });
    more.hidden = queue.length === 0;
    if (moveFocus && firstLink) firstLink.focus();
  }

  async function run() {
    const query = input.value.trim();
    const filters = chosenFilters(form);
    const filtered = Object.values(filters).some((values) => values.length);
    const next = new URLSearchParams();
    if (query) next.set("q", query);
    for (const [facet, values] of Object.entries(filters)) {
      values.forEach((value) => next.append(facet, value));
    }
    history.replaceState(null, "", next.toString() ? `?${next}` : location.pathname);
    results.replaceChildren();
    more.hidden = true;
    if (!query && !filtered) {
      status.textContent = "";
      return;
    }
    status.textContent = "Searching…";
    const { every, some } = await archiveSearch(pagefind, query, filters);
    const total = every.length + some.length;
    const what = query ? `“${query}”` : "the chosen filters";
    if (!total) {
      status.textContent = `Nothing found for ${what}. Try fewer or different words, or remove a filter.`;
      return;
    }
    status.textContent =
      `${total} result${total === 1 ? "" : "s"} for ${what}` +
      (some.length ? `: ${every.length} with every word, ${some.length} with some of them.` : ".");
    lists = {};
    const groups = [["every", some.length ? "Pages with every word" : "Results", every]];
    if (some.length) groups.push(["some", "Pages with some of your words", some]);
    for (const [group, heading, found] of groups) {
      if (!found.length) continue;
      lists[group] = element("ol", { class: "archive-result-list" });
      results.append(element("h2", {}, [heading]), lists[group]);
    }
    queue = [
      ...every.map((result) => ({ result, group: "every" })),
      ...some.map((result) => ({ result, group: "some" })),
    ];
    await showMore(false);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  form.addEventListener("change", (event) => {
    if (event.target.type === "checkbox") run();
  });
  more.addEventListener("click", () => showMore(true));
  if (input.value || [...params.keys()].some((key) => key !== "q")) await run();
  root.dataset.ready = "true";
}

const root = document.getElementById("archive-search");
if (root) mount(root);
