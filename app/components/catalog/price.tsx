import { useFormat } from '~/i18n/use-locale';

export function Price({ amount, className = 'price' }: { amount: number; className?: string }) {
  const format = useFormat();
  return <p className={className}>{format.money(amount)}</p>;
}
