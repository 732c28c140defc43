-- Demo catalog: three categories, six products, their boxes, related links and images.
-- Images are the project's own SVGs under public/images (scripts/generate-product-images.ts).
-- One product (Aria One) has low stock so the "only a few left" badge shows; none is sold out.
-- Rows are found by slug, never by id.

insert into public.categories (slug, name, description, position) values
  ('headphones', 'Headphones',
   'Over-ear and on-ear headphones tuned for long listening sessions at home, at work and on the move.', 1),
  ('speakers', 'Speakers',
   'Powered speakers that fill a room without a separate amplifier, from bookshelf to floorstanding size.', 2),
  ('earphones', 'Earphones',
   'Compact true wireless earphones for commutes, workouts and everything in between.', 3);

insert into public.products (slug, name, category_id, price, stock, is_new, position, description, features)
select v.slug, v.name, c.id, v.price, v.stock, v.is_new, v.position, v.description, v.features
from (values
  ('aria-one-pro-headphones', 'Aria One Pro Headphones', 'headphones', 1199.00, 42, true, 1,
   $$Our reference closed-back headphones: hand-finished aluminium yokes, memory-foam pads and 50 mm beryllium-coated drivers that stay composed from a whisper to full orchestra.$$,
   $$The Aria One Pro starts with a driver we spent three years refining. A stiff, feather-light beryllium coating keeps the diaphragm from flexing at high volume, so cymbals keep their shimmer and bass lines keep their edges. A vented rear chamber lets low notes breathe without the boomy bloat common to closed designs.

Comfort was treated as part of the sound. The headband spreads the weight across a wide strip of vegan leather, the pads are filled with slow-recovery foam that seals around glasses, and every part that touches you can be replaced with a twist. A braided, detachable cable and a 3.5 mm to 6.3 mm adapter mean the Pro is as happy plugged into a studio interface as into a phone.$$),
  ('aria-one-headphones', 'Aria One Headphones', 'headphones', 799.00, 3, false, 2,
   $$The headphones that started the Aria line: a warm, detailed closed-back sound, a steel-reinforced headband and pads soft enough for a full working day.$$,
   $$Aria One uses a 45 mm dynamic driver with a bio-cellulose cone, a material prized for its natural, un-fatiguing midrange. Voices sound close and real, acoustic instruments keep their wood and string, and the tuning stays gentle at the top so long sessions never turn harsh.

The frame pairs a spring-steel band with die-cast hinges that fold flat into the included hard case. Its low impedance means it sounds full straight from a laptop or phone, and the single-sided cable keeps your desk tidy. Replacement pads clip on in seconds when the originals have done their years of service.$$),
  ('lumen-40-headphones', 'Lumen 40 Headphones', 'headphones', 449.00, 25, false, 3,
   $$Light, open and easy to live with: the Lumen 40 brings a lively, spacious sound and a featherweight frame to anyone starting a serious listening setup.$$,
   $$At 260 grams, the Lumen 40 is the lightest headphone we make. A grille-backed, semi-open design gives music room to spread out in front of you instead of sitting inside your head, which makes it a favourite for mixing practice, classical recordings and late-night gaming.

The 40 mm drivers are matched in pairs at the factory to within one decibel, so the stereo image stays centred. Breathable velour pads keep ears cool, the self-adjusting suspension band needs no fiddling, and a coiled cable with an inline volume wheel is included for desk use.$$),
  ('monolith-s9-speaker', 'Monolith S9 Speaker', 'speakers', 3499.00, 12, true, 1,
   $$A floorstanding powered speaker with room-filling scale: three-way active design, 400 watts per cabinet and streaming built in, no amplifier needed.$$,
   $$Each Monolith S9 cabinet carries its own three-channel amplifier, one channel per driver, so the crossover works before amplification rather than after it. The result is lower distortion, tighter bass from the twin 8-inch woofers and a ribbon tweeter that reaches well past the limits of hearing without a hint of glare.

Set-up takes minutes. Connect a turntable, a TV over HDMI ARC or stream over Wi-Fi and Bluetooth, then let the room-correction routine listen through the supplied microphone and tune the bass to your space. The cabinets are braced MDF wrapped in a matte lacquer that hides fingerprints, sitting on decoupling feet that keep floors from buzzing.$$),
  ('monolith-s7-speaker', 'Monolith S7 Speaker', 'speakers', 2299.00, 18, false, 2,
   $$The Monolith sound in a bookshelf cabinet: two-way active design, 200 watts per side and every input a modern living room needs.$$,
   $$The S7 shares its ribbon tweeter and amplifier topology with the larger S9, paired with a 6.5-inch woven-glass woofer in a rear-ported cabinet. It plays with surprising depth for its size and stays clean at volumes that would make most bookshelf speakers strain.

Place it on a stand, a sideboard or a desk: a three-position boundary switch on the back compensates for nearby walls. Inputs cover optical, analogue, USB and HDMI ARC, and a small magnetic remote handles volume and source. A linking cable carries sound from the primary to the secondary cabinet, so there is only one power cord to hide per side.$$),
  ('pebble-e1-earphones', 'Pebble E1 Wireless Earphones', 'earphones', 399.00, 60, true, 1,
   $$True wireless earphones with the tuning of our headphones: adaptive noise cancelling, eight hours per charge and a pocketable ceramic-finish case.$$,
   $$Pebble E1 fits a 10 mm graphene driver and its own amplifier into each earbud, tuned by the same team and to the same curve as our Aria headphones. Adaptive noise cancelling samples the world around you a thousand times a second and quietly removes the rumble of trains, planes and air conditioning.

Eight hours of listening per charge, with three more full charges in the case, gets you through a long-haul flight. The earbuds are sweat and splash resistant, come with four sizes of silicone tips and one pair of foam tips, and switch between your phone and laptop automatically. The case charges over USB-C or on any wireless charging pad.$$)
) as v(slug, name, category_slug, price, stock, is_new, position, description, features)
join public.categories as c on c.slug = v.category_slug;

insert into public.product_includes (product_id, quantity, item, position)
select p.id, v.quantity, v.item, v.position
from (values
  ('aria-one-pro-headphones', 1, 'Hard-shell travel case', 1),
  ('aria-one-pro-headphones', 2, 'Replacement ear pads', 2),
  ('aria-one-pro-headphones', 1, 'Braided 3 m cable', 3),
  ('aria-one-pro-headphones', 1, '6.3 mm jack adapter', 4),
  ('aria-one-pro-headphones', 1, 'User guide', 5),
  ('aria-one-headphones', 1, 'Folding hard case', 1),
  ('aria-one-headphones', 1, '1.5 m cable with remote', 2),
  ('aria-one-headphones', 1, '6.3 mm jack adapter', 3),
  ('aria-one-headphones', 1, 'User guide', 4),
  ('lumen-40-headphones', 1, 'Soft carry pouch', 1),
  ('lumen-40-headphones', 1, 'Coiled cable with volume wheel', 2),
  ('lumen-40-headphones', 1, 'Straight 1.2 m cable', 3),
  ('lumen-40-headphones', 1, 'User guide', 4),
  ('monolith-s9-speaker', 2, 'Speaker cabinets', 1),
  ('monolith-s9-speaker', 2, 'Power cords', 2),
  ('monolith-s9-speaker', 1, 'Room-correction microphone', 3),
  ('monolith-s9-speaker', 1, 'Remote control', 4),
  ('monolith-s9-speaker', 1, 'HDMI cable', 5),
  ('monolith-s9-speaker', 1, 'User guide', 6),
  ('monolith-s7-speaker', 2, 'Speaker cabinets', 1),
  ('monolith-s7-speaker', 1, 'Linking cable', 2),
  ('monolith-s7-speaker', 2, 'Power cords', 3),
  ('monolith-s7-speaker', 1, 'Magnetic remote', 4),
  ('monolith-s7-speaker', 1, 'User guide', 5),
  ('pebble-e1-earphones', 2, 'Earbuds', 1),
  ('pebble-e1-earphones', 1, 'Charging case', 2),
  ('pebble-e1-earphones', 5, 'Pairs of ear tips', 3),
  ('pebble-e1-earphones', 1, 'USB-C cable', 4),
  ('pebble-e1-earphones', 1, 'Quick start card', 5)
) as v(slug, quantity, item, position)
join public.products as p on p.slug = v.slug;

insert into public.related_products (product_id, related_product_id, position)
select p.id, r.id, v.position
from (values
  ('aria-one-pro-headphones', 'aria-one-headphones', 1),
  ('aria-one-pro-headphones', 'lumen-40-headphones', 2),
  ('aria-one-pro-headphones', 'monolith-s9-speaker', 3),
  ('aria-one-headphones', 'aria-one-pro-headphones', 1),
  ('aria-one-headphones', 'lumen-40-headphones', 2),
  ('aria-one-headphones', 'monolith-s9-speaker', 3),
  ('lumen-40-headphones', 'aria-one-pro-headphones', 1),
  ('lumen-40-headphones', 'aria-one-headphones', 2),
  ('lumen-40-headphones', 'monolith-s7-speaker', 3),
  ('monolith-s9-speaker', 'monolith-s7-speaker', 1),
  ('monolith-s9-speaker', 'aria-one-pro-headphones', 2),
  ('monolith-s9-speaker', 'pebble-e1-earphones', 3),
  ('monolith-s7-speaker', 'monolith-s9-speaker', 1),
  ('monolith-s7-speaker', 'aria-one-headphones', 2),
  ('monolith-s7-speaker', 'pebble-e1-earphones', 3),
  ('pebble-e1-earphones', 'aria-one-pro-headphones', 1),
  ('pebble-e1-earphones', 'lumen-40-headphones', 2),
  ('pebble-e1-earphones', 'monolith-s7-speaker', 3)
) as v(slug, related_slug, position)
join public.products as p on p.slug = v.slug
join public.products as r on r.slug = v.related_slug;

-- Every product has every type at every size: /images/products/<slug>/<file>-<size>.svg
insert into public.product_images (product_id, type, size, url, alt, position)
select p.id, k.type::public.product_image_type, s.size::public.product_image_size,
  format('/images/products/%s/%s-%s.svg', p.slug, k.file, s.size),
  format(k.alt, p.name), k.position
from public.products as p
cross join (values
  ('product', 'product', 1, '%s, front view'),
  ('category', 'category', 1, '%s on a plain background'),
  ('gallery', 'gallery-1', 1, '%s, close-up of the finish'),
  ('gallery', 'gallery-2', 2, '%s, seen from the side'),
  ('gallery', 'gallery-3', 3, '%s in its setting'),
  ('related', 'related', 1, '%s')
) as k(type, file, position, alt)
cross join (values ('mobile'), ('tablet'), ('desktop')) as s(size);

-- A category's nav thumbnail: one drawing, used at every size.
insert into public.product_images (category_id, type, size, url, alt, position)
select c.id, 'category', s.size::public.product_image_size,
  format('/images/categories/%s.svg', c.slug), format('%s category', c.name), 1
from public.categories as c
cross join (values ('mobile'), ('tablet'), ('desktop')) as s(size);
