/**
 * A picture for each product drawn here, from its category and name: nothing is fetched from
 * another origin. The same product always gets the same picture.
 */
const PALETTES = [
  ['#1d4e89', '#7fb3e6'],
  ['#7a2e4a', '#e79ab8'],
  ['#245a3c', '#8fd1a8'],
  ['#6b4a12', '#e9c27a'],
  ['#4b3a85', '#b7a8f0'],
  ['#8a3b12', '#f2a77c'],
  ['#0f5b63', '#84d3da'],
] as const;

/** Simple emblems by category (24x24 paths); other categories get a tag. */
const EMBLEMS: Record<string, string> = {
  kitchen: 'M6 9h12l-1 10H7L6 9zm2-3h8v2H8V6zm10 5h2a2 2 0 0 1 0 4h-2',
  shoes: 'M3 16c3 0 5-2 6-6l3 1c0 2 2 3 4 3s5 1 5 3v2H3v-3z',
  apparel: 'M8 4l4 2 4-2 5 4-3 3-2-1v10H8V10l-2 1-3-3 5-4z',
  electronics: 'M4 6h16v10H4V6zm5 12h6v2H9v-2z',
  home: 'M12 4l8 7h-2v8h-4v-5h-4v5H6v-8H4l8-7z',
  sports:
    'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zm0 2c1.5 2 2.3 4.3 2.3 7S13.5 17 12 19M5 9h14M5 15h14',
};
const TAG = 'M4 4h8l8 8-8 8-8-8V4zm4 3a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z';

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function ProductImage({ name, category }: { name: string; category: string }) {
  const h = hash(`${category}:${name}`);
  const [dark, light] = PALETTES[h % PALETTES.length]!;
  const gradient = `g${h.toString(36)}`;
  const tilt = (h >> 8) % 40;
  return (
    <svg class="product-image" viewBox="0 0 160 120" aria-hidden="true" focusable="false">
      <defs>
        <linearGradient id={gradient} x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stop-color={light} />
          <stop offset="1" stop-color={dark} />
        </linearGradient>
      </defs>
      <rect width="160" height="120" fill={`url(#${gradient})`} />
      <circle cx={30 + (h % 100)} cy={20 + ((h >> 4) % 80)} r="46" fill="#fff" opacity="0.12" />
      <rect
        x="-20"
        y="78"
        width="220"
        height="60"
        fill="#000"
        opacity="0.08"
        transform={`rotate(-${tilt} 80 60)`}
      />
      <g
        transform="translate(50 30) scale(2.5)"
        fill="none"
        stroke="#fff"
        stroke-width="1.4"
        stroke-linejoin="round"
        stroke-linecap="round"
      >
        <path d={EMBLEMS[category] ?? TAG} />
      </g>
    </svg>
  );
}
