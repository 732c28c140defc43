// The one catalogue of the errors the database raises on purpose. Every `raise exception` in
// supabase/migrations carries its SQLSTATE and, in `hint`, one of these names; the app maps the
// name (never the message text) to what a person reads (app/utils/rpc-errors.ts). A vitest check
// (scripts/lib/error-catalogue.test.ts) fails when a migration raises a name that is missing here,
// raises a listed name with another SQLSTATE, or when an entry is raised nowhere; README's error
// table is generated from this list (`npm run docs:errors`) and checked by the same test.
//
// PostgREST turns `PTxyz` into HTTP xyz, 22xxx/23xxx into 400 (unique/foreign-key violations 409)
// and 42501 into 401 for visitors / 403 for signed-in users. Refusals raised by a trigger on
// auth.users reach the app through Auth, which only says 500 "Database error saving new user" /
// "Database error updating user"; the app then asks the database again (check_invitation).

export interface CatalogueEntry {
  sqlstate: string;
  /** What supabase-js sees as `status` (Auth's 500 for auth.users triggers). */
  http: string;
  raisedBy: string;
  meaning: string;
}

export const ERROR_CATALOGUE = {
  sign_in_required: {
    sqlstate: 'PT401', http: '401', raisedBy: 'reserve_stock, place_order, cancel_order, delete_my_account, enroll, cancel_enrollment, use_coupon, redeem_invitation',
    meaning: 'You need to be signed in (or continue as a guest).',
  },
  admin_only: {
    sqlstate: 'PT403', http: '403', raisedBy: 'delete_account, admin.set_role, approve/reject/create_enrollment, mark_enrollment_paid, check_in_coupon, reset_coupon, find_accounts, admin_update_profile, merge_accounts, adjust_stock, create_invitations, set_invitation_active, set_signup_mode, request_password_reset',
    meaning: 'Only an admin can do that.',
  },
  privileged_column: {
    sqlstate: '42501', http: '403', raisedBy: 'profiles role guard',
    meaning: "Only an admin can change a profile's role or invitation.",
  },
  order_status_admin_only: {
    sqlstate: '42501', http: '403', raisedBy: 'set_order_status',
    meaning: "Only an admin can change an order's status.",
  },
  reason_required: {
    sqlstate: 'PT422', http: '422', raisedBy: 'delete_account, admin.set_role, reject/create_enrollment, cancel_enrollment (admins), mark_enrollment_paid, reset_coupon, admin_update_profile, merge_accounts, adjust_stock, create_invitations, set_invitation_active, set_signup_mode, request_password_reset',
    meaning: 'A reason is required (1-1000 characters).',
  },
  role_invalid: { sqlstate: 'PT422', http: '422', raisedBy: 'admin.set_role, admin_update_profile', meaning: 'A role must be consumer or admin.' },
  account_not_found: { sqlstate: 'PT404', http: '404', raisedBy: 'delete_account, admin.set_role, create_enrollment, admin_update_profile, merge_accounts, request_password_reset', meaning: 'No account has that id.' },
  invite_required: {
    sqlstate: 'PT403', http: '500 (Auth)', raisedBy: 'signup / guest conversion triggers (invite_only)',
    meaning: 'An invite code is required to sign up right now.',
  },
  invite_not_found: {
    sqlstate: 'PT403', http: '500 (Auth)', raisedBy: 'signup / guest conversion triggers',
    meaning: 'That invite code does not exist.',
  },
  invite_inactive: {
    sqlstate: 'PT403', http: '500 (Auth)', raisedBy: 'signup / guest conversion triggers',
    meaning: 'That invite code has been disabled.',
  },
  invite_expired: {
    sqlstate: 'PT403', http: '500 (Auth)', raisedBy: 'signup / guest conversion triggers',
    meaning: 'That invite code has expired.',
  },
  invite_used_up: {
    sqlstate: 'PT403', http: '500 (Auth)', raisedBy: 'signup / guest conversion triggers',
    meaning: 'That invite code has already been used.',
  },
  invite_checks_rate_limited: {
    sqlstate: 'PT429', http: '429', raisedBy: 'check_invitation, redeem_invitation',
    meaning: 'Too many unknown invite codes this minute from this caller (or in all).',
  },
  account_required: {
    sqlstate: 'PT403', http: '403', raisedBy: 'redeem_invitation',
    meaning: 'Guests (anonymous users) cannot redeem an invite code: create an account first.',
  },
  already_member: {
    sqlstate: 'PT409', http: '409', raisedBy: 'redeem_invitation',
    meaning: 'The account is already a member (a redeemed code, exempted, or an admin): nothing to redeem.',
  },
  metadata_too_large: {
    sqlstate: 'PT422', http: '500 (Auth)', raisedBy: 'auth.users update trigger (updateUser({ data }))',
    meaning: 'Account details over 8 KB.',
  },
  category_has_products: {
    sqlstate: 'PT409', http: '409', raisedBy: 'deleting a category',
    meaning: 'The category still has products, so it cannot be deleted.',
  },
  quantity_invalid: { sqlstate: '22023', http: '400', raisedBy: 'reserve_stock', meaning: 'Quantity must be a whole number between 0 and 1000.' },
  hold_limit: {
    sqlstate: '22023', http: '400', raisedBy: 'reserve_stock',
    meaning: 'More than app_settings.max_units_held_per_product (details: limit=N).',
  },
  product_not_found: { sqlstate: 'PT404', http: '404', raisedBy: 'reserve_stock, adjust_stock', meaning: 'This product does not exist (any more).' },
  sold_out: { sqlstate: 'PT409', http: '409', raisedBy: 'reserve_stock', meaning: 'Nothing is left for the caller (details: available=0).' },
  few_left: { sqlstate: 'PT409', http: '409', raisedBy: 'reserve_stock', meaning: 'Only N left, N being 1-5 (details: available=N).' },
  not_enough_stock: {
    sqlstate: 'PT409', http: '409', raisedBy: 'reserve_stock',
    meaning: 'Not that many are available; more than 5 are left, so no count is given.',
  },
  checkout_field_invalid: {
    sqlstate: '22023', http: '400', raisedBy: 'place_order',
    meaning: 'A checkout field is missing or malformed (details: the argument name).',
  },
  cart_empty: { sqlstate: 'PT422', http: '422', raisedBy: 'place_order', meaning: 'The cart is empty or its holds have expired.' },
  cart_stock_short: {
    sqlstate: 'PT409', http: '409', raisedBy: 'place_order',
    meaning: 'A held product has less stock than held (an admin lowered it).',
  },
  order_not_found: { sqlstate: 'PT404', http: '404', raisedBy: 'cancel_order, set_order_status', meaning: 'Order not found.' },
  order_already_cancelled: { sqlstate: 'PT409', http: '409', raisedBy: 'cancel_order', meaning: 'The order is already cancelled.' },
  order_in_processing: {
    sqlstate: 'PT409', http: '409', raisedBy: 'cancel_order (owner)',
    meaning: 'The order is being processed and can no longer be cancelled online.',
  },
  order_shipped: {
    sqlstate: 'PT409', http: '409', raisedBy: 'cancel_order, order status trigger',
    meaning: 'Shipped or delivered orders cannot be cancelled.',
  },
  order_transition_invalid: {
    sqlstate: 'PT409', http: '409', raisedBy: 'order status trigger (Studio too)',
    meaning: 'An order cannot go from one status to that one.',
  },
  members_only: {
    sqlstate: 'PT403', http: '403', raisedBy: 'enroll, create_enrollment',
    meaning: 'Guests (anonymous users) cannot enroll: events are for members.',
  },
  membership_required: {
    sqlstate: 'PT403', http: '403', raisedBy: 'enroll (invite_only)',
    meaning: 'In invite-only mode an account without a redeemed invite code cannot enroll.',
  },
  event_not_found: {
    sqlstate: 'PT404', http: '404', raisedBy: 'enroll, create_enrollment, enrollment triggers',
    meaning: 'No published event has that id.',
  },
  event_cancelled: {
    sqlstate: 'PT409', http: '409', raisedBy: 'enroll',
    meaning: 'The event has been cancelled.',
  },
  event_started: {
    sqlstate: 'PT409', http: '409', raisedBy: 'enroll',
    meaning: 'The event has started (or is over), so enrollment is closed.',
  },
  event_full: {
    sqlstate: 'PT409', http: '409', raisedBy: 'enrollment status trigger (waitlisted → pending)',
    meaning: 'No seat is free for a waitlisted enrollment to move up.',
  },
  enrollment_not_found: {
    sqlstate: 'PT404', http: '404', raisedBy: 'cancel/approve/reject_enrollment, mark_enrollment_paid',
    meaning: 'No enrollment has that id (or it is not the caller\'s).',
  },
  enrollment_transition_invalid: {
    sqlstate: 'PT409', http: '409', raisedBy: 'enrollment status trigger (Studio too)',
    meaning: 'An enrollment cannot go from one status to that one (details: the allowed next ones).',
  },
  enrollment_change_invalid: {
    sqlstate: 'PT409', http: '409', raisedBy: 'enrollment triggers (Studio too)',
    meaning: 'An enrollment\'s member, event or payment cannot be edited that way.',
  },
  enrollment_payment_required: {
    sqlstate: 'PT409', http: '409', raisedBy: 'approve_enrollment, enrollment status trigger',
    meaning: 'The event has a fee and the enrollment is not marked paid yet.',
  },
  payment_not_awaited: {
    sqlstate: 'PT409', http: '409', raisedBy: 'mark_enrollment_paid',
    meaning: 'Nothing to pay: the event is free, it is already paid, or the enrollment was rejected or cancelled.',
  },
  payment_reference_required: {
    sqlstate: 'PT422', http: '422', raisedBy: 'mark_enrollment_paid, enrollment payment trigger',
    meaning: 'A payment reference (1-200 characters) is required to mark it paid (details: reference).',
  },
  coupon_not_found: {
    sqlstate: 'PT404', http: '404', raisedBy: 'use_coupon, check_in_coupon, reset_coupon',
    meaning: 'No coupon has that id or code (or it is not the caller\'s).',
  },
  coupon_already_used: {
    sqlstate: 'PT409', http: '409', raisedBy: 'use_coupon, check_in_coupon',
    meaning: 'The coupon has already been used (check-in says when).',
  },
  coupon_void: {
    sqlstate: 'PT409', http: '409', raisedBy: 'use_coupon, check_in_coupon, reset_coupon, coupon trigger',
    meaning: 'The coupon is void: its enrollment was rejected or cancelled.',
  },
  coupon_change_invalid: {
    sqlstate: 'PT409', http: '409', raisedBy: 'coupon trigger (Studio)',
    meaning: 'A coupon\'s code, enrollment, owner and event cannot be edited.',
  },
  mail_claim_invalid: {
    sqlstate: '22023', http: '400', raisedBy: 'private.claim_mail, private.settle_stale_mail (the mailer)',
    meaning: 'The mailer called the outbox protocol with a bad mailer name, batch size or lease.',
  },
  mail_not_found: { sqlstate: 'PT404', http: '404', raisedBy: 'private.finish_mail, admin.resend_mail', meaning: 'No outbox mail has that id.' },
  mail_not_sending: {
    sqlstate: 'PT409', http: '409', raisedBy: 'private.finish_mail (the mailer)',
    meaning: 'The mail is not being sent by this mailer (already marked, or settled as unconfirmed): its outcome is not recorded.',
  },
  mail_not_resendable: {
    sqlstate: 'PT409', http: '409', raisedBy: 'admin.resend_mail',
    meaning: 'Only a failed or unconfirmed mail can be resent.',
  },
  mail_status_invalid: {
    sqlstate: 'PT409', http: '409', raisedBy: 'mail_outbox status trigger (Studio)',
    meaning: 'Not a step of the outbox protocol (a sent mail is final; failed and unconfirmed go back with admin.resend_mail).',
  },
  page_invalid: {
    sqlstate: 'PT422', http: '422', raisedBy: 'find_accounts, search_products',
    meaning: 'Pages start at 1 and hold 1-100 accounts (search: results).',
  },
  profile_change_invalid: {
    sqlstate: 'PT422', http: '422', raisedBy: 'admin_update_profile',
    meaning: 'Only first_name, last_name, display_name, phone, birthday (YYYY-MM-DD), account_type and role can be changed there.',
  },
  last_admin: {
    sqlstate: 'PT409', http: '409', raisedBy: 'admin_update_profile, admin.set_role, delete_account, admin.delete_account, delete_my_account, profiles trigger (Studio: role change or delete), merge_accounts',
    meaning: 'This is the only admin: make another account admin first.',
  },
  merge_same_account: {
    sqlstate: 'PT422', http: '422', raisedBy: 'merge_accounts',
    meaning: 'Choose two different accounts: the one to keep and the one to remove.',
  },
  merge_into_guest: {
    sqlstate: 'PT422', http: '422', raisedBy: 'merge_accounts',
    meaning: 'The account to keep is a guest: keep the member account and remove the guest.',
  },
  merge_enrollment_conflict: {
    sqlstate: 'PT409', http: '409', raisedBy: 'merge_accounts',
    meaning: 'Both accounts are enrolled in the same event: cancel one of the two enrollments first.',
  },
  tracking_note_required: {
    sqlstate: 'PT422', http: '422', raisedBy: 'set_order_status (shipped)',
    meaning: 'Add a tracking note (carrier and tracking number) to mark an order shipped.',
  },
  stock_below_held: {
    sqlstate: 'PT409', http: '409', raisedBy: 'adjust_stock, products stock trigger',
    meaning: 'Stock cannot go below the units in shoppers\' carts (or below 0).',
  },
  stock_change_invalid: {
    sqlstate: 'PT422', http: '422', raisedBy: 'adjust_stock',
    meaning: 'Give either a change (delta, not 0) or the new stock level (new_stock), not both.',
  },
  invitation_invalid: {
    sqlstate: 'PT422', http: '422', raisedBy: 'create_invitations, set_invitation_active',
    meaning: 'Create 1-100 codes, each admitting at least one account, expiring in the future.',
  },
  invitation_not_found: {
    sqlstate: 'PT404', http: '404', raisedBy: 'set_invitation_active',
    meaning: 'No invite code has that id.',
  },
  signup_mode_invalid: {
    sqlstate: 'PT422', http: '422', raisedBy: 'set_signup_mode',
    meaning: 'The signup mode is open or invite_only.',
  },
  no_email: {
    sqlstate: 'PT409', http: '409', raisedBy: 'request_password_reset',
    meaning: 'This account has no email address, so no reset mail can be sent.',
  },
  claim_sign_in_required: {
    sqlstate: 'PT401', http: '401', raisedBy: 'claim_cart_transfer',
    meaning: 'Only a signed-in member (not a guest) can take a guest cart along.',
  },
  cart_transfer_guests_only: {
    sqlstate: 'PT403', http: '403', raisedBy: 'start_cart_transfer',
    meaning: "Only a guest's cart can be taken along to an account.",
  },
  cart_transfer_invalid: {
    sqlstate: 'PT404', http: '404', raisedBy: 'claim_cart_transfer',
    meaning: 'The cart transfer token is unknown, expired (10 minutes) or already used: nothing moved.',
  },
  search_query_invalid: {
    sqlstate: '22023', http: '400', raisedBy: 'search_products',
    meaning: 'A search needs 1-100 characters (no control characters).',
  },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorName = keyof typeof ERROR_CATALOGUE;

export function isErrorName(value: unknown): value is ErrorName {
  return typeof value === 'string' && Object.hasOwn(ERROR_CATALOGUE, value);
}

/** README's error table, generated from the catalogue (see scripts/lib/error-catalogue.test.ts). */
export function renderErrorTable(): string {
  const rows = Object.entries(ERROR_CATALOGUE).map(
    ([name, entry]) => `| \`${name}\` | \`${entry.sqlstate}\` | ${entry.http} | ${entry.raisedBy} | ${entry.meaning} |`,
  );
  return ['| name (`hint`) | SQLSTATE | HTTP | raised by | meaning |', '|---|---|---|---|---|', ...rows].join('\n');
}
