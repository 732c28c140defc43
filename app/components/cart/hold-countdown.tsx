// The time left on a stock hold. The server renders the remaining time as of its own clock; in
// the browser a timer counts down, corrected by the difference between the server's clock and
// the browser's, so a wrong laptop clock does not expire holds early or late.
import { useEffect, useState } from 'react';
import { Trans, useTranslation } from '~/i18n/react';
import { INTL_LOCALE, type Locale } from '~/i18n/locales';
import { useFormat } from '~/i18n/use-locale';

/** How long reserve_stock holds units after the shopper's last change (the database decides). */
export const HOLD_MINUTES = 30;

const digitFormats = new Map<string, Intl.NumberFormat>();

function digits(locale: Locale, minimumIntegerDigits: number): Intl.NumberFormat {
  const key = `${locale}:${minimumIntegerDigits}`;
  let format = digitFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(INTL_LOCALE[locale], { minimumIntegerDigits, useGrouping: false });
    digitFormats.set(key, format);
  }
  return format;
}

/** "29:05": minutes and seconds left, in the reader's digits, never below zero. */
export function formatRemaining(milliseconds: number, locale: Locale): string {
  const totalSeconds = Math.max(0, Math.ceil(milliseconds / 1000));
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${digits(locale, 1).format(minutes)}:${digits(locale, 2).format(seconds)}`;
}

export function useHoldRemaining(expiresAt: string, serverNow: string, onExpire?: () => void): number {
  const expiresMs = Date.parse(expiresAt);
  const serverNowMs = Date.parse(serverNow);
  const [remaining, setRemaining] = useState(() => expiresMs - serverNowMs);
  useEffect(() => {
    const skew = serverNowMs - Date.now();
    const tick = () => {
      const left = expiresMs - (Date.now() + skew);
      setRemaining(left);
      if (left <= 0) {
        clearInterval(timer);
        onExpire?.();
      }
    };
    const timer = setInterval(tick, 1000);
    tick();
    return () => clearInterval(timer);
    // onExpire is a callback from the parent; a new identity must not restart the clock.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [expiresMs, serverNowMs]);
  return remaining;
}

/** "Held for you for 29:05 more (until 3:42 PM)": the clock time in the reader's zone. */
export function HoldCountdown({ remaining, expiresAt, id }: { remaining: number; expiresAt: string; id?: string }) {
  const { t } = useTranslation('cart');
  const format = useFormat();
  return (
    <p className="hold-countdown" id={id}>
      <Trans
        t={t}
        i18nKey="holdCountdown.heldFor"
        values={{ time: formatRemaining(remaining, format.locale), until: format.dateTime(expiresAt, 'time') }}
        components={{
          // role=timer is not announced on every tick; the text is there when someone reads the line.
          timer: <span role="timer" className="hold-countdown__time" suppressHydrationWarning />,
          until: <time dateTime={expiresAt} suppressHydrationWarning />,
        }}
      />
    </p>
  );
}
