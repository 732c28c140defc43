// "Continue with LINE" and "Continue with Kakao" (login and signup pages): plain forms posting
// to /<lang>/auth/oauth, so they work without JavaScript. Brand colours per the providers' button
// guidelines (LINE #06C755 with white text, Kakao #FEE500 with near-black text); each button is
// at least 44 px tall (app.css .oauth-button).
import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { useLocalizedPath } from '~/i18n/use-locale';
import type { OAuthProviderName } from '~/utils/oauth';

const PROVIDERS: OAuthProviderName[] = ['line', 'kakao'];

export function OAuthButtons({ next }: { next: string }) {
  const { t } = useTranslation('account');
  const to = useLocalizedPath();
  return (
    <div className="oauth-buttons" role="group" aria-label={t('oauth.groupLabel')}>
      {PROVIDERS.map((provider) => (
        <Form key={provider} method="post" action={to('/auth/oauth')} reloadDocument>
          <input type="hidden" name="provider" value={provider} />
          <input type="hidden" name="next" value={next} />
          <button type="submit" className={`oauth-button oauth-button--${provider}`}>
            {t(`oauth.continueWith.${provider}`)}
          </button>
        </Form>
      ))}
      <p className="oauth-buttons__or">{t('oauth.or')}</p>
    </div>
  );
}
