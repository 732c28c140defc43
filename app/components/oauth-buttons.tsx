// "Continue with LINE" and "Continue with Kakao" (login and signup pages): plain links to
// /<lang>/auth/oauth?provider=…, so they work without JavaScript. Links, not forms: the page's
// CSP says `form-action 'self'`, and browsers apply it to every redirect a form submission
// follows (app → Auth → the provider), so a form would be stopped at the first hop; a link is a
// navigation, which form-action does not govern. Brand backgrounds (LINE #06C755, Kakao #FEE500)
// with near-black text on both: white on LINE's green is 2.3:1, below WCAG AA. Each is at least
// 44 px tall (app.css .oauth-button).
import { useTranslation } from '~/i18n/react';
import { useLocalizedPath } from '~/i18n/use-locale';
import type { OAuthProviderName } from '~/utils/oauth';

const PROVIDERS: OAuthProviderName[] = ['line', 'kakao'];

export function OAuthButtons({ next }: { next: string }) {
  const { t } = useTranslation('account');
  const to = useLocalizedPath();
  return (
    <div className="oauth-buttons" role="group" aria-label={t('oauth.groupLabel')}>
      {PROVIDERS.map((provider) => (
        <a key={provider} className={`oauth-button oauth-button--${provider}`} href={`${to('/auth/oauth')}?${new URLSearchParams({ provider, next })}`}>
          {t(`oauth.continueWith.${provider}`)}
        </a>
      ))}
      <p className="oauth-buttons__or">{t('oauth.or')}</p>
    </div>
  );
}
