#!/usr/bin/env bash
# Gets a Chromium for Playwright: an existing one, else Playwright's download (time-limited),
# else Debian's `chromium` package (when root), else says what to install.
set -u
venv=${1:-.venv}

if [ -n "${ASSISTANT_BROWSER_PATH:-}" ] && [ -x "$ASSISTANT_BROWSER_PATH" ]; then
  echo "browser: using ASSISTANT_BROWSER_PATH=$ASSISTANT_BROWSER_PATH"; exit 0
fi
if ls "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}"/chromium-*/chrome-linux*/chrome >/dev/null 2>&1; then
  echo "browser: Playwright's Chromium is installed"; exit 0
fi
if [ -x /usr/lib/chromium/chromium ]; then
  echo "browser: using Debian's /usr/lib/chromium/chromium"; exit 0
fi
echo "browser: trying Playwright's download (at most 180 s)"
if timeout 180 "$venv/bin/playwright" install chromium >/tmp/playwright-install.log 2>&1; then
  echo "browser: Playwright's Chromium installed"; exit 0
fi
echo "browser: Playwright's download is not reachable from here (see /tmp/playwright-install.log)"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "browser: installing Debian's chromium with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  (apt-get install -y -q chromium >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }) \
    && [ -x /usr/lib/chromium/chromium ] && { echo "browser: Debian's chromium installed"; exit 0; }
fi
cat >&2 <<MSG
No browser could be installed. Install one of:
  - Playwright's:  $venv/bin/playwright install chromium
  - Debian's:      sudo apt-get install chromium
  - any Chromium, and set ASSISTANT_BROWSER_PATH to its binary.
MSG
exit 1
