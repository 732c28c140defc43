// npx tsx scripts/generate-product-images.ts
// Draws the catalog's own product art as small SVG files under public/images (committed).
// Deterministic: the same input always writes the same bytes, so re-running it is a no-op diff.
//
//   public/images/products/<slug>/<kind>-<size>.svg   kind: product, category, gallery-1..3, related
//   public/images/categories/<slug>.svg               nav thumbnail, one drawing for every size
//   public/images/events/<slug>.svg                   event poster (800×450, no text: titles are
//                                                     translated, so the page prints them)
//
// Each product is a silhouette drawn in a 200×200 box; a "kind" decides the frame (aspect ratio
// per size, as in the storefront's layouts) and the composition (plain, close-up, on a table,
// dark stage). supabase/seeds/02_catalog.sql points product_images rows at these paths.
import fs from "node:fs";
import path from "node:path";

const outputRoot = path.resolve(import.meta.dirname, "..", "public", "images");
const accent = "#D87D4A";
const accentLight = "#FBAF85";
const neutral = "#F1F1F1";

type Shape = "headphones" | "speaker-tall" | "speaker-small" | "earphones";
type Size = "mobile" | "tablet" | "desktop";
type Kind =
  "product" | "category" | "gallery-1" | "gallery-2" | "gallery-3" | "related";

interface Palette {
  bodyLight: string;
  bodyDark: string;
  trim: string;
  pad: string;
  accent: string;
  grille?: boolean;
}

interface ProductArt {
  slug: string;
  name: string;
  shape: Shape;
  palette: Palette;
}

const products: ProductArt[] = [
  {
    slug: "aria-one-pro-headphones",
    name: "Aria One Pro Headphones",
    shape: "headphones",
    palette: {
      bodyLight: "#4A4A4A",
      bodyDark: "#141414",
      trim: "#2A2A2A",
      pad: "#0B0B0B",
      accent,
    },
  },
  {
    slug: "aria-one-headphones",
    name: "Aria One Headphones",
    shape: "headphones",
    palette: {
      bodyLight: "#6B5A4E",
      bodyDark: "#2B221D",
      trim: "#3A302A",
      pad: "#1A1512",
      accent: accentLight,
    },
  },
  {
    slug: "lumen-40-headphones",
    name: "Lumen 40 Headphones",
    shape: "headphones",
    palette: {
      bodyLight: "#FFFFFF",
      bodyDark: "#C9C9C9",
      trim: "#B5B5B5",
      pad: "#8F8F8F",
      accent,
      grille: true,
    },
  },
  {
    slug: "monolith-s9-speaker",
    name: "Monolith S9 Speaker",
    shape: "speaker-tall",
    palette: {
      bodyLight: "#3A3A3A",
      bodyDark: "#101010",
      trim: "#262626",
      pad: "#0A0A0A",
      accent,
    },
  },
  {
    slug: "monolith-s7-speaker",
    name: "Monolith S7 Speaker",
    shape: "speaker-small",
    palette: {
      bodyLight: "#9C9288",
      bodyDark: "#5A534C",
      trim: "#4A443E",
      pad: "#151515",
      accent: accentLight,
    },
  },
  {
    slug: "pebble-e1-earphones",
    name: "Pebble E1 Wireless Earphones",
    shape: "earphones",
    palette: {
      bodyLight: "#F4F1ED",
      bodyDark: "#C8C1B8",
      trim: "#3A3A3A",
      pad: "#111111",
      accent,
    },
  },
];

const categories: { slug: string; name: string; art: ProductArt }[] = [
  { slug: "headphones", name: "Headphones", art: products[0] },
  { slug: "speakers", name: "Speakers", art: products[3] },
  { slug: "earphones", name: "Earphones", art: products[5] },
];

// Frame (width × height) per kind and size, shaped like the slots the pages give them.
const frames: Record<Kind, Record<Size, [number, number]>> = {
  product: { mobile: [327, 327], tablet: [281, 480], desktop: [540, 560] },
  category: { mobile: [327, 352], tablet: [689, 352], desktop: [540, 560] },
  "gallery-1": { mobile: [327, 174], tablet: [277, 174], desktop: [445, 280] },
  "gallery-2": { mobile: [327, 174], tablet: [277, 174], desktop: [445, 280] },
  "gallery-3": { mobile: [327, 368], tablet: [395, 368], desktop: [635, 592] },
  related: { mobile: [327, 120], tablet: [223, 318], desktop: [350, 318] },
};

// Where a close-up looks, in the 200×200 drawing box.
const focus: Record<Shape, [number, number]> = {
  headphones: [44, 140],
  "speaker-tall": [100, 92],
  "speaker-small": [100, 122],
  earphones: [58, 76],
};

const n = (value: number): string => String(Math.round(value * 100) / 100);

function gradients(p: Palette): string {
  return (
    `<linearGradient id="body" x1="0" y1="0" x2="1" y2="1">` +
    `<stop offset="0" stop-color="${p.bodyLight}"/><stop offset="1" stop-color="${p.bodyDark}"/></linearGradient>` +
    `<radialGradient id="cone" cx=".4" cy=".35" r=".7">` +
    `<stop offset="0" stop-color="#5A5A5A"/><stop offset=".6" stop-color="#1C1C1C"/><stop offset="1" stop-color="#050505"/></radialGradient>` +
    `<radialGradient id="shadow"><stop offset="0" stop-color="#000" stop-opacity=".28"/>` +
    `<stop offset="1" stop-color="#000" stop-opacity="0"/></radialGradient>` +
    `<radialGradient id="glow"><stop offset="0" stop-color="${p.accent}" stop-opacity=".35"/>` +
    `<stop offset="1" stop-color="${p.accent}" stop-opacity="0"/></radialGradient>`
  );
}

function headphones(p: Palette): string {
  const cup = (x: number): string =>
    `<rect x="${x}" y="110" width="42" height="66" rx="19" fill="url(#body)"/>`;
  const grille = (cx: number): string =>
    p.grille
      ? [-12, -6, 0, 6, 12]
          .map(
            (dy) =>
              `<line x1="${cx - 9}" y1="${143 + dy}" x2="${cx + 9}" y2="${143 + dy}" stroke="${p.trim}" stroke-width="2" stroke-linecap="round"/>`,
          )
          .join("")
      : `<circle cx="${cx}" cy="143" r="9" fill="${p.trim}"/>`;
  return (
    `<ellipse cx="100" cy="188" rx="80" ry="8" fill="url(#shadow)"/>` +
    `<path d="M40 112C40 30 160 30 160 112" fill="none" stroke="${p.trim}" stroke-width="11" stroke-linecap="round"/>` +
    `<path d="M56 62C76 40 124 40 144 62" fill="none" stroke="${p.pad}" stroke-width="9" stroke-linecap="round"/>` +
    `<rect x="33" y="92" width="14" height="28" rx="5" fill="${p.bodyDark}"/>` +
    `<rect x="153" y="92" width="14" height="28" rx="5" fill="${p.bodyDark}"/>` +
    cup(22) +
    cup(136) +
    `<rect x="55" y="116" width="14" height="54" rx="7" fill="${p.pad}"/>` +
    `<rect x="131" y="116" width="14" height="54" rx="7" fill="${p.pad}"/>` +
    `<circle cx="43" cy="143" r="14" fill="none" stroke="${p.accent}" stroke-width="3"/>` +
    `<circle cx="157" cy="143" r="14" fill="none" stroke="${p.accent}" stroke-width="3"/>` +
    grille(43) +
    grille(157)
  );
}

function driver(cx: number, cy: number, r: number, p: Palette): string {
  return (
    `<circle cx="${cx}" cy="${cy}" r="${r + 4}" fill="${p.trim}"/>` +
    `<circle cx="${cx}" cy="${cy}" r="${r}" fill="url(#cone)"/>` +
    `<circle cx="${cx}" cy="${cy}" r="${n(r * 0.3)}" fill="${p.bodyDark}" stroke="${p.accent}" stroke-width="2"/>`
  );
}

function speaker(p: Palette, tall: boolean): string {
  const [y, h] = tall ? [8, 176] : [38, 140];
  const tweeterY = y + 26;
  const woofers = tall
    ? driver(100, 92, 28, p) + driver(100, 152, 28, p)
    : driver(100, 122, 34, p);
  return (
    `<ellipse cx="100" cy="${y + h + 6}" rx="62" ry="7" fill="url(#shadow)"/>` +
    `<rect x="54" y="${y}" width="92" height="${h}" rx="10" fill="url(#body)"/>` +
    `<rect x="58" y="${y + 4}" width="84" height="${h - 8}" rx="7" fill="none" stroke="${p.trim}" stroke-width="2"/>` +
    `<circle cx="100" cy="${tweeterY}" r="11" fill="${p.trim}"/>` +
    `<circle cx="100" cy="${tweeterY}" r="6" fill="${p.accent}"/>` +
    woofers +
    `<rect x="62" y="${y + h}" width="16" height="5" rx="2" fill="${p.pad}"/>` +
    `<rect x="122" y="${y + h}" width="16" height="5" rx="2" fill="${p.pad}"/>`
  );
}

function earphones(p: Palette): string {
  const bud = (transform: string): string =>
    `<g transform="${transform} rotate(-14 58 70)">` +
    `<rect x="50" y="82" width="16" height="30" rx="8" fill="${p.pad}"/>` +
    `<ellipse cx="58" cy="70" rx="22" ry="23" fill="${p.pad}"/>` +
    `<ellipse cx="51" cy="62" rx="8" ry="6" fill="#3C3C3C"/>` +
    `<ellipse cx="79" cy="64" rx="9" ry="11" fill="${p.trim}"/>` +
    `<circle cx="57" cy="72" r="9" fill="none" stroke="${p.accent}" stroke-width="3"/></g>`;
  return (
    `<ellipse cx="100" cy="182" rx="72" ry="7" fill="url(#shadow)"/>` +
    `<rect x="34" y="110" width="132" height="70" rx="35" fill="url(#body)"/>` +
    `<path d="M38 132H162" stroke="${p.bodyDark}" stroke-width="2"/>` +
    `<circle cx="100" cy="160" r="3.5" fill="${p.accent}"/>` +
    bud("translate(0 0)") +
    bud("translate(200 0) scale(-1 1)")
  );
}

function drawing(art: ProductArt): string {
  switch (art.shape) {
    case "headphones":
      return headphones(art.palette);
    case "speaker-tall":
      return speaker(art.palette, true);
    case "speaker-small":
      return speaker(art.palette, false);
    case "earphones":
      return earphones(art.palette);
  }
}

function place(
  art: ProductArt,
  scale: number,
  cx: number,
  cy: number,
  at: [number, number] = [100, 100],
): string {
  return `<g transform="translate(${n(cx - at[0] * scale)} ${n(cy - at[1] * scale)}) scale(${n(scale)})">${drawing(art)}</g>`;
}

function compose(art: ProductArt, kind: Kind, w: number, h: number): string {
  const short = Math.min(w, h);
  const round = `rx="8"`;
  switch (kind) {
    case "gallery-1": {
      // Close-up of the finish: the drawing enlarged around one detail.
      const scale = (Math.max(w, h) * 1.5) / 200;
      return (
        `<rect width="${w}" height="${h}" ${round} fill="${neutral}"/>` +
        place(art, scale, w / 2, h / 2, focus[art.shape])
      );
    }
    case "gallery-2": {
      // On a table by a warm light.
      const table = h * 0.78;
      const scale = (h * 0.66) / 200;
      return (
        `<rect width="${w}" height="${h}" ${round} fill="#EDE8E2"/>` +
        `<circle cx="${n(w * 0.8)}" cy="${n(h * 0.3)}" r="${n(h * 0.55)}" fill="url(#glow)"/>` +
        `<rect y="${n(table)}" width="${w}" height="${n(h - table)}" fill="#D9CFC4"/>` +
        `<rect y="${n(table)}" width="${w}" height="3" fill="#C4B8AB"/>` +
        place(art, scale, w * 0.38, table - 100 * scale + 6 * scale)
      );
    }
    case "gallery-3": {
      // A dark stage with rings.
      const cx = w / 2;
      const cy = h / 2;
      const rings = [0.3, 0.45, 0.6, 0.78]
        .map(
          (f) =>
            `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(short * f)}" fill="none" stroke="#FFFFFF" stroke-opacity=".12"/>`,
        )
        .join("");
      return (
        `<rect width="${w}" height="${h}" ${round} fill="#191919"/>` +
        rings +
        `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(short * 0.45)}" fill="url(#glow)"/>` +
        place(art, (short * 0.72) / 200, cx, cy)
      );
    }
    default: {
      const fill = kind === "related" ? 0.82 : 0.7;
      return (
        `<rect width="${w}" height="${h}" ${round} fill="${neutral}"/>` +
        place(art, (short * fill) / 200, w / 2, h / 2)
      );
    }
  }
}

function svg(
  title: string,
  w: number,
  h: number,
  art: ProductArt,
  body: string,
): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img">` +
    `<title>${title}</title><defs>${gradients(art.palette)}</defs>${body}</svg>\n`
  );
}

function write(relative: string, content: string): void {
  const file = path.join(outputRoot, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (Buffer.byteLength(content) >= 8192)
    throw new Error(
      `${relative} is ${Buffer.byteLength(content)} bytes (limit 8 KB)`,
    );
  fs.writeFileSync(file, content);
}

const kinds = Object.keys(frames) as Kind[];
const sizes: Size[] = ["mobile", "tablet", "desktop"];
let count = 0;
for (const art of products) {
  for (const kind of kinds) {
    for (const size of sizes) {
      const [w, h] = frames[kind][size];
      write(
        `products/${art.slug}/${kind}-${size}.svg`,
        svg(art.name, w, h, art, compose(art, kind, w, h)),
      );
      count += 1;
    }
  }
}
for (const category of categories) {
  const body =
    `<circle cx="100" cy="100" r="96" fill="${neutral}"/>` +
    place(category.art, 0.78, 100, 100);
  write(
    `categories/${category.slug}.svg`,
    svg(category.name, 200, 200, category.art, body),
  );
  count += 1;
}
// Event posters: a stage of light behind one product, per event of supabase/seeds/04_events.sql.
const events: { slug: string; title: string; art: ProductArt; glow: string }[] = [
  { slug: "aria-listening-night", title: "Aria listening night", art: products[0], glow: accent },
  { slug: "vinyl-and-valves-masterclass", title: "Vinyl and valves masterclass", art: products[3], glow: accentLight },
  { slug: "monolith-studio-tour", title: "Monolith studio tour", art: products[4], glow: accent },
  { slug: "pebble-run-club", title: "Pebble run club", art: products[5], glow: accentLight },
];
for (const event of events) {
  const body =
    `<rect width="800" height="450" fill="#101010"/>` +
    `<circle cx="400" cy="240" r="210" fill="${event.glow}" opacity="0.22"/>` +
    `<circle cx="400" cy="240" r="140" fill="${event.glow}" opacity="0.28"/>` +
    `<rect x="0" y="390" width="800" height="60" fill="#1c1c1c"/>` +
    place(event.art, 1.5, 400, 230);
  write(`events/${event.slug}.svg`, svg(event.title, 800, 450, event.art, body));
  count += 1;
}
console.log(
  `Wrote ${count} SVG files under ${path.relative(process.cwd(), outputRoot) || outputRoot}.`,
);
