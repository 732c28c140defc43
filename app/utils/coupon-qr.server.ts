// The QR code of a coupon, drawn on the server as inline SVG (no script, no image request), so
// staff can scan it at the entrance from a phone showing the account page. It encodes the code
// itself, which is what check_in_coupon({ code }) takes.
import QRCode from 'qrcode';

export async function drawCouponQrSvg(code: string): Promise<string> {
  return QRCode.toString(code, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } });
}
