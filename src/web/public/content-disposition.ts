/**
 * `Content-Disposition: attachment` with the original (often Chinese) file name: RFC 6266 with
 * an RFC 5987 `filename*=UTF-8''…` parameter for current browsers and a plain-ASCII `filename=`
 * fallback for old clients. Written by hand: two short encodings, and the package that does this
 * is not a direct dependency.
 */

/** RFC 5987 §3.2.1 `value-chars`: attr-char stays, everything else is percent-encoded UTF-8. */
function encodeExtValue(s: string): string {
  return encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** An ASCII stand-in for the name: printable ASCII kept, the rest folded to `_`, the extension kept. */
export function asciiFallback(filename: string): string {
  const folded = filename.replace(/[^\x20-\x7e]|["\\%;]/g, '_').replace(/_+/g, '_');
  const dot = folded.lastIndexOf('.');
  const stem = dot > 0 ? folded.slice(0, dot) : folded;
  const ext = dot > 0 ? folded.slice(dot) : '';
  return /[A-Za-z0-9]/.test(stem) ? folded : `attachment${ext}`;
}

/** The header value for downloading `filename`. */
export function contentDisposition(filename: string): string {
  const fallback = asciiFallback(filename);
  if (fallback === filename) return `attachment; filename="${filename}"`;
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeExtValue(filename)}`;
}
