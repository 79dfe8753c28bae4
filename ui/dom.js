// Building the DOM: data only ever reaches the page as text nodes or attribute values, never as
// HTML. And the one status line screen readers hear.

/**
 * Creates an element. `props` sets attributes (class, id, aria-*, ...); children are nodes or
 * strings, and strings become text nodes.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string | number | boolean | null | undefined>} [props]
 * @param {...(Node | string | null | undefined | false)} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/**
 * The element of the page with `id`; the page is static, so a missing one is a bug.
 * @template {HTMLElement} T @param {string} id @returns {T}
 */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing`);
  return /** @type {T} */ (node);
}

/** Says something to screen readers (the status line). @param {string} text */
export function announce(text) {
  byId('status').textContent = text;
}

/** Resolves once what is in the DOM now has been painted (or after half a second, for a hidden window). */
export function painted() {
  return Promise.race([
    new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    new Promise((resolve) => setTimeout(resolve, 500)),
  ]);
}
