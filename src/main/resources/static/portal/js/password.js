// The script of password.html, kept apart from the page so that the portal's CSP allows scripts of this site only
// (script-src 'self'): an injected inline script does not run. Like the page, it needs a login.
import { api, header } from '/portal/assets/portal.js';
document.getElementById('change').addEventListener('submit', async (event) => {
  event.preventDefault();
  const message = document.getElementById('message');
  message.textContent = '';
  const newPassword = document.getElementById('newPassword').value;
  if (newPassword !== document.getElementById('repeat').value) {
    message.textContent = '两次输入的新密码不一致';
    return;
  }
  try {
    // the CSRF token of the session comes from /api/me (portal.js), as for every change the portal sends
    await api('/api/me/password', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ currentPassword: document.getElementById('currentPassword').value, newPassword }) });
    const after = await api('/api/me');
    window.location.href = after.firstStep || '/portal/index.html';
  } catch (e) {
    const problems = e.body && e.body.errors;
    message.textContent = problems && problems.length ? problems.map((p) => p.message).join('；') : e.message;
  }
});
// the form works before the header is drawn: a fast person never submits it as a plain (GET) form
const me = await header('password');
if (me.firstStepMessage && me.firstStep === '/portal/password.html') {
  const reason = document.getElementById('reason');
  reason.textContent = me.firstStepMessage;
  reason.hidden = false;
}
