// The script of login.html, kept apart from the page so that the portal's CSP allows scripts of this site only
// (script-src 'self'): an injected inline script does not run. Public, as the page is.
import { csrfToken } from '/portal/assets/portal.js';
const next = new URLSearchParams(window.location.search).get('next');
// back to the page asked for, or to the system's address, which leads to the person's work (HomeController)
// only a page of this site, in its plain form: never another site (//host, /portal/..//host, https://…)
const target = (() => {
  try {
    const url = new URL(next || '', window.location.origin);
    if (next && url.origin === window.location.origin && !/[\\;]|\/\/|\/\.\.?(\/|$)/.test(next)
        && (url.pathname === '/' || url.pathname.startsWith('/portal/'))) {
      return url.pathname + url.search + url.hash;
    }
  } catch (e) {
    // not an address: the home page
  }
  return '/portal/index.html';
})();
// a session the system ended because the account logged in elsewhere once too often (security/ConcurrentSessions):
// say so, with a text of this page, never one from the address
if (new URLSearchParams(window.location.search).get('ended') === 'limit') {
  document.getElementById('message').textContent = '本会话已结束：该账号又在别处登录，同一账号同时登录的会话有上限，'
    + '最早的会话随之结束。请重新登录；如果不是您本人登录，请立即修改密码。';
}
document.getElementById('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  const message = document.getElementById('message');
  message.textContent = '';
  const token = await csrfToken(true);
  const body = new URLSearchParams({ username: document.getElementById('username').value, password: document.getElementById('password').value });
  const response = await fetch('/camunda/api/admin/auth/user/default/login/welcome', {
    method: 'POST', credentials: 'same-origin', body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-XSRF-TOKEN': token }
  });
  if (response.ok) {
    window.location.href = target;
  } else {
    // a locked account or address says until when (problem+json); anything else is the usual refusal
    const problem = (response.headers.get('Content-Type') || '').includes('json') ? await response.json().catch(() => null) : null;
    message.textContent = problem && problem.detail ? problem.detail : '用户名或密码错误';
  }
});
