// The time left on a 30-minute stock hold. The server renders the remaining time as of its own
// clock; in the browser a timer counts down, corrected by the difference between the server's
// clock and the browser's, so a wrong laptop clock does not expire holds early or late.
import { useEffect, useState } from 'react';

export function formatRemaining(milliseconds: number): string {
  const totalSeconds = Math.max(0, Math.ceil(milliseconds / 1000));
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${minutes}:${seconds.toString().padStart(2, '0')}`;
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

export function HoldCountdown({ remaining, id }: { remaining: number; id?: string }) {
  return (
    <p className="hold-countdown" id={id}>
      Held for you for{' '}
      {/* role=timer is not announced on every tick; the text is there when someone reads the line. */}
      <span role="timer" className="hold-countdown__time" suppressHydrationWarning>
        {formatRemaining(remaining)}
      </span>{' '}
      more
    </p>
  );
}
