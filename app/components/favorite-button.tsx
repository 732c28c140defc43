// A heart toggle for a product (product page, cards). Posts to /favorites through a fetcher and
// shows the new state at once; without JavaScript it is a plain form that comes back to this
// page. Guests may keep favorites too: the first one starts their guest session.
import { useFetcher, useLocation } from '@remix-run/react';
import { Trans, useTranslation } from '~/i18n/react';
import { useLocalizedPath } from '~/i18n/use-locale';

export interface FavoriteButtonProps {
  productId: string;
  productName: string;
  isFavorite: boolean;
}

export function FavoriteButton({ productId, productName, isFavorite }: FavoriteButtonProps) {
  const { t } = useTranslation('catalog');
  const to = useLocalizedPath();
  const fetcher = useFetcher<{ error?: string }>({ key: `favorite-${productId}` });
  const location = useLocation();
  const pendingIntent = fetcher.formData?.get('intent');
  const shownAsFavorite = pendingIntent ? pendingIntent === 'add' : isFavorite;
  return (
    <fetcher.Form method="post" action={to('/favorites')} className="favorite-form" preventScrollReset>
      <input type="hidden" name="intent" value={shownAsFavorite ? 'remove' : 'add'} />
      <input type="hidden" name="productId" value={productId} />
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <button type="submit" className="link-button favorite-button" aria-pressed={shownAsFavorite}>
        <span aria-hidden="true">{shownAsFavorite ? '♥' : '♡'}</span>{' '}
        {/* The product name is database text: escaped for Trans's markup, unescaped after. */}
        <Trans
          t={t}
          i18nKey={shownAsFavorite ? 'favoriteButton.saved' : 'favoriteButton.save'}
          values={{ name: productName }}
          components={{ hidden: <span className="visually-hidden" /> }}
          tOptions={{ interpolation: { escapeValue: true } }}
          shouldUnescape
        />
      </button>
      {fetcher.data?.error ? (
        <span role="alert" className="error-list">
          {fetcher.data.error}
        </span>
      ) : null}
    </fetcher.Form>
  );
}
