// Every page lives below its language: /en/…, /th/…, /ko/…, /zh-TW/…. The loader (a redirect to
// the visitor's language, or to a locale's canonical spelling) is in locale-layout.server.ts.
import { Outlet } from '@remix-run/react';

export { loader } from '~/server-deps/locale-layout.server';

export default function LocalizedPages() {
  return <Outlet />;
}
