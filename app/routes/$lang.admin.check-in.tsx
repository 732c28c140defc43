// /admin/check-in: staff at the venue, on a phone. Typing the code always works (a plain form);
// where the browser can read QR codes (BarcodeDetector and a camera), "Scan a QR code" fills
// the field and sends the form. check_in_coupon shows the member and the event and marks the
// coupon used, once: a second check-in of the same code is refused and says so.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useNavigation } from '@remix-run/react';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from '~/i18n/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { Field, FormErrors } from '~/components/forms';
import { fixedT } from '~/i18n/i18n.server';
import { titleMeta } from '~/i18n/meta';
import { pageTitle } from '~/i18n/meta.server';
import { pageLocale } from '~/i18n/route-locale.server';
import { useFormat, useLocalizedPath } from '~/i18n/use-locale';
import { checkInCoupon } from '~/models/admin-events.server';
import { couponCodeSchema } from '~/utils/admin-schemas';
import { requireAdmin } from '~/utils/admin.server';
import { readFormData } from '~/utils/form-data.server';
import { describeRpcError, httpStatusOf } from '~/utils/rpc-errors';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = pageLocale(params);
  const { headers } = await requireAdmin(request, locale);
  return json({ title: pageTitle(locale, fixedT(locale, 'admin')('checkIn.title')) }, { headers });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = pageLocale(params);
  const { supabase, headers } = await requireAdmin(request, locale);
  const formData = await readFormData(request, headers);
  const code = couponCodeSchema(fixedT(locale, 'admin')).safeParse(formData.get('code') ?? '');
  if (!code.success) return json({ ok: false as const, fieldError: code.error.issues[0].message, error: null }, { status: 400, headers });
  const result = await checkInCoupon(supabase, code.data);
  if (!result.ok) {
    const status = httpStatusOf(result.error);
    if (status >= 500) console.error('check_in_coupon failed', result.error);
    return json({ ok: false as const, fieldError: null, error: describeRpcError(result.error, fixedT(locale, 'errors')) }, { status, headers });
  }
  return json({ ok: true as const, checkIn: result.data }, { headers });
}

export default function CheckInPage() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation('admin');
  const format = useFormat();
  const to = useLocalizedPath();
  const formRef = useRef<HTMLFormElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const pending = navigation.state !== 'idle' && navigation.formMethod === 'POST';
  useEffect(() => {
    if (actionData) resultRef.current?.focus();
  }, [actionData]);
  const checkIn = actionData?.ok ? actionData.checkIn : null;

  return (
    <section className="container admin-page check-in" aria-labelledby="check-in-title">
      <h1 id="check-in-title">{t('checkIn.title')}</h1>
      <p>{t('checkIn.lead')}</p>

      <div ref={resultRef} tabIndex={-1} className="check-in__result" data-testid="check-in-result">
        {checkIn ? (
          <div className="status-message" role="status">
            <p className="check-in__verdict">{t('checkIn.checkedIn')}</p>
            <p>
              {t('checkIn.member')}: <strong data-testid="check-in-member">{checkIn.member_name ?? checkIn.member_email ?? '—'}</strong>
              {checkIn.member_email && checkIn.member_name ? <> ({checkIn.member_email})</> : null}
            </p>
            <p>
              {t('checkIn.event')}: <strong>{checkIn.event_name}</strong>
            </p>
            {checkIn.used_at ? <p>{t('checkIn.usedAt', { time: format.dateTime(checkIn.used_at, 'time') })}</p> : null}
          </div>
        ) : (
          <FormErrors errors={actionData && !actionData.ok && actionData.error ? [actionData.error] : []} />
        )}
      </div>

      <Form method="post" action={to('/admin/check-in')} ref={formRef} className="admin-form" key={checkIn?.coupon_id ?? 'form'}>
        <Field
          label={t('checkIn.code')}
          hint={t('checkIn.codeHint')}
          inputProps={{
            name: 'code',
            id: 'coupon-code',
            required: true,
            autoComplete: 'off',
            autoCapitalize: 'characters',
            spellCheck: false,
            inputMode: 'text',
            autoFocus: true,
          }}
          errors={actionData && !actionData.ok && actionData.fieldError ? [actionData.fieldError] : undefined}
        />
        <button type="submit" className="button" aria-disabled={pending || undefined}>
          {pending ? t('checkIn.pending') : checkIn ? t('checkIn.next') : t('checkIn.submit')}
        </button>
      </Form>
      <QrScanner onCode={(code) => {
        const input = formRef.current?.elements.namedItem('code');
        if (input instanceof HTMLInputElement) input.value = code;
        formRef.current?.requestSubmit();
      }} />
    </section>
  );
}

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorConstructor = new (options: { formats: string[] }) => BarcodeDetectorLike;

/** What the browser can do does not change while the page is open. */
const noSubscription = () => () => undefined;

/** "Scan a QR code", only where the browser can: BarcodeDetector and a camera. */
function QrScanner({ onCode }: { onCode: (code: string) => void }) {
  const { t } = useTranslation('admin');
  // False on the server and in the first render, so the HTML is the same on both sides.
  const supported = useSyncExternalStore(
    noSubscription,
    () => 'BarcodeDetector' in window && Boolean(navigator.mediaDevices?.getUserMedia),
    () => false,
  );
  const [scanning, setScanning] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const videoRef = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    if (!scanning) return;
    let stream: MediaStream | null = null;
    let stopped = false;
    const Detector = (window as unknown as { BarcodeDetector: BarcodeDetectorConstructor }).BarcodeDetector;
    const detector = new Detector({ formats: ['qr_code'] });
    const tick = async () => {
      if (stopped || !videoRef.current) return;
      try {
        const [found] = await detector.detect(videoRef.current);
        if (found?.rawValue) {
          setScanning(false);
          onCode(found.rawValue);
          return;
        }
      } catch {
        // A frame that cannot be read yet: try the next one.
      }
      window.setTimeout(() => void tick(), 250);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (media) => {
        stream = media;
        if (stopped || !videoRef.current) return;
        videoRef.current.srcObject = media;
        await videoRef.current.play();
        void tick();
      })
      .catch(() => {
        setProblem(t('checkIn.cameraDenied'));
        setScanning(false);
      });
    return () => {
      stopped = true;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [scanning, onCode, t]);

  if (!supported) return <p className="muted check-in__no-scan">{t('checkIn.scanUnavailable')}</p>;
  return (
    <div className="check-in__scanner">
      {problem ? <p role="alert">{problem}</p> : null}
      <button type="button" className="button button--secondary" onClick={() => { setProblem(null); setScanning((value) => !value); }}>
        {scanning ? t('checkIn.stopScan') : t('checkIn.scan')}
      </button>
      {scanning ? <video ref={videoRef} className="check-in__video" muted playsInline aria-label={t('checkIn.videoLabel')} /> : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
