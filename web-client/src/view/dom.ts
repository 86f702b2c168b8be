type Child = Node | string | number | null | undefined | false;

type Props<K extends keyof HTMLElementTagNameMap> = Partial<Omit<HTMLElementTagNameMap[K], 'style' | 'dataset'>> & {
  /** Becomes `data-testid`. */
  testid?: string;
  /** Attributes set as such: `aria-*`, `data-*`, `role`... */
  attrs?: Record<string, string | number | boolean>;
  on?: { [E in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[E]) => void };
};

/** Creates an element. Strings become text nodes: user text never goes through HTML parsing. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props<K> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  const { testid, attrs, on, ...properties } = props;
  Object.assign(element, properties);
  if (testid) element.dataset.testid = testid;
  for (const [name, value] of Object.entries(attrs ?? {})) element.setAttribute(name, String(value));
  for (const [type, listener] of Object.entries(on ?? {})) element.addEventListener(type, listener as EventListener);
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/** Replaces the children, then gives the focus back to the new element that stands for the old one. */
export function replaceKeepingFocus(parent: Element, ...children: Child[]): void {
  const focused = document.activeElement;
  const selector = focused instanceof HTMLElement && parent.contains(focused) ? selectorOf(focused) : null;
  replaceChildren(parent, ...children);
  if (selector) parent.querySelector<HTMLElement>(selector)?.focus();
}

function selectorOf(element: HTMLElement): string | null {
  const { testid, boardId } = element.dataset;
  if (!testid) return null;
  const board = boardId ? `[data-board-id="${CSS.escape(boardId)}"]` : '';
  return `[data-testid="${CSS.escape(testid)}"]${board}`;
}

/** An absolute link, as shared by QR code or copied, from a route (`#/...`) or a server link (`/#/...`). */
export function absoluteLink(link: string): string {
  return new URL(link.startsWith('#') ? `/${link}` : link, location.origin).href;
}

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
