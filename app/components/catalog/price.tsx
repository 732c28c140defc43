import { formatPrice } from '~/utils/price';

export function Price({ amount, className = 'price' }: { amount: number; className?: string }) {
  return <p className={className}>{formatPrice(amount)}</p>;
}
