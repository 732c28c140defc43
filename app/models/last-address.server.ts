// The shopper's last shipping details, read from their newest order, so the next checkout starts
// filled in. Orders are the record of where things were really sent (the profile has no
// address), and RLS already lets an owner read their own orders, guests included.
import type { AppSupabaseClient } from '~/utils/supabase.server';

export interface LastAddress {
  name: string;
  email: string;
  phone: string | null;
  address: string;
  zip: string;
  city: string;
  country: string;
}

/** The newest order's customer and shipping details, or null before the first order. */
export async function getLastAddress(supabase: AppSupabaseClient, userId: string): Promise<LastAddress | null> {
  const { data, error } = await supabase
    .from('orders')
    .select('customer_name, customer_email, customer_phone, shipping_address, shipping_zip, shipping_city, shipping_country')
    .eq('user_id', userId)
    .order('created_at', { ascending: false })
    .limit(1)
    .maybeSingle();
  if (error) throw error;
  if (!data) return null;
  return {
    name: data.customer_name,
    email: data.customer_email,
    phone: data.customer_phone,
    address: data.shipping_address,
    zip: data.shipping_zip,
    city: data.shipping_city,
    country: data.shipping_country,
  };
}
