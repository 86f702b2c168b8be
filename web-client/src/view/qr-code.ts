const SVG = 'http://www.w3.org/2000/svg';
const QUIET_ZONE = 4;

/**
 * A QR code drawn as one SVG path, built node by node. The generator is loaded on first use:
 * only animators and the plenary screen need it, not the phones of participants.
 */
export function qrCode(text: string, label: string): HTMLElement {
  const container = document.createElement('div');
  container.setAttribute('role', 'img');
  container.setAttribute('aria-label', label);
  void import('qrcode-generator').then(({ default: qrcode }) => {
    const qr = qrcode(0, 'M');
    qr.addData(text);
    qr.make();
    container.append(svgOf(qr.getModuleCount(), (row, col) => qr.isDark(row, col)));
  });
  return container;
}

function svgOf(size: number, isDark: (row: number, col: number) => boolean): SVGSVGElement {
  let path = '';
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (isDark(row, col)) path += `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`;
    }
  }
  const extent = String(size + QUIET_ZONE * 2);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${extent} ${extent}`);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('shape-rendering', 'crispEdges');
  svg.classList.add('qr-code');
  const background = document.createElementNS(SVG, 'rect');
  background.setAttribute('width', extent);
  background.setAttribute('height', extent);
  background.setAttribute('fill', '#fff');
  const modules = document.createElementNS(SVG, 'path');
  modules.setAttribute('d', path);
  modules.setAttribute('fill', '#000');
  svg.append(background, modules);
  return svg;
}
