import type { MetaFunction } from '@remix-run/node';
import { Link } from '@remix-run/react';

export const meta: MetaFunction = () => [
  { title: 'Audio store: headphones, speakers, earphones' },
  { name: 'description', content: 'Audio gear for people who listen closely, and invite-only listening events.' },
];

// Static until the catalog lands: then a loader reads categories and the featured product through
// app/models/category.server.ts and product.server.ts, and these sections render that data.
const CATEGORIES = [
  { slug: 'headphones', name: 'Headphones', blurb: 'Over-ear and on-ear, closed and open.' },
  { slug: 'speakers', name: 'Speakers', blurb: 'Room-filling sound from a small box.' },
  { slug: 'earphones', name: 'Earphones', blurb: 'True wireless, for the commute and the gym.' },
] as const;

export default function HomePage() {
  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <div className="container hero__inner">
          <p className="eyebrow eyebrow--light">New arrivals</p>
          <h1 id="hero-title">Sound worth listening to</h1>
          <p className="hero__lead">
            Headphones, speakers and earphones chosen for how they sound, plus invite-only listening events for
            our members.
          </p>
          <Link className="button" to="/category/headphones">
            Shop headphones
          </Link>
        </div>
      </section>

      <section className="container section" aria-labelledby="categories-title">
        <h2 id="categories-title">Shop by category</h2>
        <ul className="category-grid">
          {CATEGORIES.map((category) => (
            <li key={category.slug} className="category-card">
              <h3>{category.name}</h3>
              <p>{category.blurb}</p>
              <Link to={`/category/${category.slug}`} className="text-link" aria-label={`Shop ${category.name}`}>
                Shop <span aria-hidden="true">›</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section className="container section about" aria-labelledby="about-title">
        <h2 id="about-title">
          Bringing you the <span className="accent">best</span> audio gear
        </h2>
        <p>
          Hold what you like in your cart for 30 minutes while you decide, check out as a guest or with an account,
          and join members-only events when you have an invitation.
        </p>
      </section>
    </>
  );
}
