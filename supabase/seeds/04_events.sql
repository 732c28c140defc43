-- Demo events for `npm start`: one past, three upcoming (one free, one with a fee, one nearly
-- full), each translated into Thai, Korean and Traditional Chinese, with the project's own
-- posters (public/images/events, drawn by scripts/generate-product-images.ts). Dates are relative
-- to the reset, so the demo always has upcoming events. Two more demo members (password123)
-- fill the studio tour. Enrollments go through the same triggers as the RPCs (seats, coupons,
-- mails, audit). Rows are found by slug or email, never by id. Tests never depend on this.

with demo (email, first_name, last_name) as (
  values ('somchai@example.com', 'Somchai', 'Jaidee'), ('jiwoo@example.com', 'Jiwoo', 'Park')
),
created as (
  insert into auth.users (
    instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
    raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
    confirmation_token, recovery_token, email_change_token_new, email_change,
    email_change_token_current, phone_change, phone_change_token, reauthentication_token,
    is_sso_user, is_anonymous
  )
  select '00000000-0000-0000-0000-000000000000', extensions.gen_random_uuid(), 'authenticated', 'authenticated',
         d.email, extensions.crypt('password123', extensions.gen_salt('bf', 10)), now(),
         jsonb_build_object('provider', 'email', 'providers', jsonb_build_array('email'), 'invite_exempt', true),
         jsonb_build_object('first_name', d.first_name, 'last_name', d.last_name, 'account_type', 'personal', 'email_verified', true),
         now(), now(), '', '', '', '', '', '', '', '', false, false
    from demo d
   where not exists (select 1 from auth.users u where u.email = d.email)
  returning id, email
)
insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
select c.id::text, c.id, jsonb_build_object('sub', c.id::text, 'email', c.email, 'email_verified', true, 'phone_verified', false),
       'email', null, now(), now()
  from created c;

update public.profiles set locale = 'th' where id = (select id from auth.users where email = 'somchai@example.com');
update public.profiles set locale = 'ko' where id = (select id from auth.users where email = 'jiwoo@example.com');

insert into public.events (slug, name, description, starts_at, ends_at, location, capacity, fee, image_url, image_alt, published)
values
  ('aria-listening-night', 'Aria listening night',
   $$An evening with the Aria One Pro: our engineers play reference recordings on the full Aria range and answer your questions about tuning, pads and drivers.

Drinks and snacks included. Free for members.$$,
   date_trunc('hour', now()) + interval '21 days 19 hours', date_trunc('hour', now()) + interval '21 days 22 hours',
   'Audio Store showroom, 12 Sukhumvit Soi 31, Bangkok', 30, null,
   '/images/events/aria-listening-night.svg', 'Aria One Pro headphones lit on a dark stage', true),
  ('vinyl-and-valves-masterclass', 'Vinyl and valves masterclass',
   $$A hands-on afternoon on setting up a turntable and a valve amplifier with the Monolith S9: cartridge alignment, tracking force, speaker placement and room correction.

Limited to twelve seats. The fee covers the workshop, a cleaning kit to take home and coffee.$$,
   date_trunc('hour', now()) + interval '35 days 14 hours', date_trunc('hour', now()) + interval '35 days 18 hours',
   'Audio Store listening room, 88 Gangnam-daero, Seoul', 12, 45.00,
   '/images/events/vinyl-and-valves-masterclass.svg', 'A Monolith S9 speaker in warm light', true),
  ('monolith-studio-tour', 'Monolith studio tour',
   $$Walk through the room where the Monolith speakers are measured and voiced, then hear the S7 against the S9 in a blind comparison.

Small group: three seats only.$$,
   date_trunc('hour', now()) + interval '10 days 10 hours', date_trunc('hour', now()) + interval '10 days 12 hours',
   'Audio Store studio, 5 Xinyi Road, Taipei', 3, null,
   '/images/events/monolith-studio-tour.svg', 'A Monolith S7 speaker on a dark stage', true),
  ('pebble-run-club', 'Pebble run club',
   $$A 5 km morning run with the Pebble E1 earphones, followed by breakfast and a fit check for every ear size.$$,
   date_trunc('hour', now()) - interval '30 days' + interval '7 hours', date_trunc('hour', now()) - interval '30 days' + interval '9 hours',
   'Lumphini Park main gate, Bangkok', 40, null,
   '/images/events/pebble-run-club.svg', 'Pebble E1 earphones in morning light', true);

insert into public.event_translations (event_id, locale, name, description, location, image_alt)
select e.id, t.locale::public.locale, t.name, t.description, t.location, t.image_alt
from (values
  ('aria-listening-night', 'th', 'คืนฟังเพลงกับ Aria',
   $$ค่ำคืนกับหูฟัง Aria One Pro วิศวกรของเราจะเปิดเพลงอ้างอิงกับหูฟัง Aria ทุกรุ่น และตอบคำถามเรื่องการจูนเสียง ฟองน้ำ และไดรเวอร์

มีเครื่องดื่มและของว่าง ฟรีสำหรับสมาชิก$$,
   'โชว์รูม Audio Store เลขที่ 12 สุขุมวิท ซอย 31 กรุงเทพฯ', 'หูฟัง Aria One Pro ส่องแสงบนเวทีมืด'),
  ('aria-listening-night', 'ko', 'Aria 리스닝 나이트',
   $$Aria One Pro와 함께하는 저녁. 엔지니어가 Aria 전 제품으로 레퍼런스 음원을 들려 드리고 튜닝, 이어패드, 드라이버에 관한 질문에 답합니다.

음료와 간식이 제공됩니다. 회원은 무료입니다.$$,
   '방콕 수쿰윗 소이 31, 12 Audio Store 쇼룸', '어두운 무대 위 조명을 받은 Aria One Pro 헤드폰'),
  ('aria-listening-night', 'zh-TW', 'Aria 聆聽之夜',
   $$與 Aria One Pro 共度的夜晚：我們的工程師會用整個 Aria 系列播放參考錄音，並回答關於調音、耳罩與單體的問題。

提供飲料與點心，會員免費參加。$$,
   '曼谷素坤逸 31 巷 12 號 Audio Store 展示廳', '在暗色舞台上打光的 Aria One Pro 耳機'),
  ('vinyl-and-valves-masterclass', 'th', 'มาสเตอร์คลาสแผ่นเสียงและหลอดสุญญากาศ',
   $$บ่ายวันลงมือทำ เรียนรู้การตั้งเครื่องเล่นแผ่นเสียงและแอมป์หลอดกับลำโพง Monolith S9 ตั้งแต่การตั้งหัวเข็ม น้ำหนักหัวเข็ม การวางลำโพง จนถึงการปรับเสียงตามห้อง

รับเพียงสิบสองที่ ค่าเข้าร่วมรวมเวิร์กช็อป ชุดทำความสะอาดกลับบ้าน และกาแฟ$$,
   'ห้องฟังเพลง Audio Store เลขที่ 88 คังนัมแดโร โซล', 'ลำโพง Monolith S9 ในแสงอบอุ่น'),
  ('vinyl-and-valves-masterclass', 'ko', '바이닐과 진공관 마스터클래스',
   $$Monolith S9과 함께 턴테이블과 진공관 앰프를 직접 세팅해 보는 오후: 카트리지 정렬, 침압, 스피커 배치, 룸 보정까지 다룹니다.

정원은 12명입니다. 참가비에는 워크숍, 가져가실 클리닝 키트, 커피가 포함됩니다.$$,
   '서울 강남대로 88 Audio Store 리스닝 룸', '따뜻한 조명 속 Monolith S9 스피커'),
  ('vinyl-and-valves-masterclass', 'zh-TW', '黑膠與真空管大師班',
   $$用 Monolith S9 親手架設黑膠唱盤與真空管擴大機的一個下午：唱頭校正、循軌壓力、喇叭擺位與空間校正。

限額十二位。費用包含工作坊、可帶回家的清潔組與咖啡。$$,
   '首爾江南大路 88 號 Audio Store 聆聽室', '暖光中的 Monolith S9 喇叭'),
  ('monolith-studio-tour', 'th', 'ทัวร์สตูดิโอ Monolith',
   $$เดินชมห้องที่ใช้วัดและจูนเสียงลำโพง Monolith แล้วฟังเปรียบเทียบ S7 กับ S9 แบบไม่บอกรุ่น

กลุ่มเล็ก มีเพียงสามที่$$,
   'สตูดิโอ Audio Store เลขที่ 5 ถนนซินอี้ ไทเป', 'ลำโพง Monolith S7 บนเวทีมืด'),
  ('monolith-studio-tour', 'ko', 'Monolith 스튜디오 투어',
   $$Monolith 스피커를 측정하고 튜닝하는 공간을 둘러본 뒤, 블라인드 비교로 S7과 S9을 들어 봅니다.

소규모 그룹: 단 세 자리입니다.$$,
   '타이베이 신이로 5 Audio Store 스튜디오', '어두운 무대 위 Monolith S7 스피커'),
  ('monolith-studio-tour', 'zh-TW', 'Monolith 錄音室導覽',
   $$參觀測量與調校 Monolith 喇叭的房間，再以盲聽比較 S7 與 S9。

小團體：只有三個名額。$$,
   '台北市信義路 5 號 Audio Store 錄音室', '暗色舞台上的 Monolith S7 喇叭'),
  ('pebble-run-club', 'th', 'ชมรมวิ่ง Pebble',
   $$วิ่งตอนเช้า 5 กม. พร้อมหูฟัง Pebble E1 ตามด้วยอาหารเช้าและการลองจุกหูฟังให้พอดีกับทุกขนาดหู$$,
   'ประตูหลักสวนลุมพินี กรุงเทพฯ', 'หูฟัง Pebble E1 ในแสงยามเช้า'),
  ('pebble-run-club', 'ko', 'Pebble 러닝 클럽',
   $$Pebble E1 이어폰과 함께하는 5km 아침 달리기. 이후 아침 식사와 귀 크기별 착용감 점검이 이어집니다.$$,
   '방콕 룸피니 공원 정문', '아침 햇살 속 Pebble E1 이어폰'),
  ('pebble-run-club', 'zh-TW', 'Pebble 跑步社',
   $$戴著 Pebble E1 耳機的 5 公里晨跑，之後享用早餐，並為每種耳型檢查配戴是否合適。$$,
   '曼谷倫披尼公園正門', '晨光中的 Pebble E1 耳機')
) as t (slug, locale, name, description, location, image_alt)
join public.events e on e.slug = t.slug;

-- Enrollments, as members would have made them (the triggers take seats, issue coupons, mail).
select set_config('app.audit_reason', 'Demo seed', true);
insert into public.enrollments (event_id, user_id)
select e.id, u.id
  from (values ('aria-listening-night', 'member@example.com'),
               ('vinyl-and-valves-masterclass', 'member@example.com'),
               ('monolith-studio-tour', 'somchai@example.com'),
               ('monolith-studio-tour', 'jiwoo@example.com'),
               ('pebble-run-club', 'member@example.com'),
               ('pebble-run-club', 'jiwoo@example.com')) as v (slug, email)
  join public.events e on e.slug = v.slug
  join auth.users u on u.email = v.email;

-- The member is approved for the listening night (coupon issued) and went to the run club (coupon used);
-- their masterclass seat awaits payment; the studio tour has one seat left.
update public.enrollments en set status = 'approved'
  from public.events e, auth.users u
 where e.id = en.event_id and u.id = en.user_id
   and (e.slug, u.email) in (('aria-listening-night', 'member@example.com'), ('pebble-run-club', 'member@example.com'),
                             ('pebble-run-club', 'jiwoo@example.com'), ('monolith-studio-tour', 'jiwoo@example.com'));
update public.coupons c set used_at = e.starts_at + interval '5 minutes'
  from public.events e where e.id = c.event_id and e.slug = 'pebble-run-club';
-- Past facts need no mail: the demo outbox keeps only the upcoming events' mails.
delete from public.mail_outbox m where m.payload ->> 'event_slug' = 'pebble-run-club';
select set_config('app.audit_reason', '', true);
