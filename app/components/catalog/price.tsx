import { formatPrice } from '~/utils/money';

export function Price({ amount, className = 'price' }: { amount: number; className?: string }) {
  return <p className={className}>{formatPrice(amount)}</p>;
}
