const STORAGE_KEY = 'counter.hostToken';

/**
 * The browser host hands its per-start token in the URL fragment (never sent to
 * a server). Keep it for this tab so a reload still connects, then wipe it from
 * the address bar so it does not end up in a screenshot or a bookmark.
 */
export function takeHostToken(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    const token = decodeURIComponent(match[1]);
    sessionStorage.setItem(STORAGE_KEY, token);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return token;
  }
  return sessionStorage.getItem(STORAGE_KEY);
}
