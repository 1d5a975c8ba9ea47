// The script of totp.html, kept apart from the page so that the portal's CSP allows scripts of this site only
// (script-src 'self'): an injected inline script does not run. Like the page, it needs a login.
import { api, header } from '/portal/assets/portal.js';
const problemText = (e) => {
  const problems = e.body && e.body.errors;
  return problems && problems.length ? problems.map((p) => p.message).join('；') : e.message;
};
// after the step: the page of the next step (a password to change), else the page the person came for
const onward = async () => {
  const after = await api('/api/me');
  window.location.href = after.firstStep || '/';
};
document.getElementById('verify-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const message = document.getElementById('verify-message');
  message.textContent = '';
  try {
    await api('/api/me/totp/verify', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: document.getElementById('verify-code').value.trim() }) });
    await onward();
  } catch (e) {
    if (e.status === 401) {
      // locked by wrong codes: this login is over
      message.textContent = (e.body && e.body.detail) || e.message;
      setTimeout(() => { window.location.href = '/portal/login.html'; }, 4000);
      return;
    }
    message.textContent = problemText(e);
    document.getElementById('verify-code').value = '';
  }
});
document.getElementById('start').addEventListener('click', async () => {
  const message = document.getElementById('enrol-message');
  message.textContent = '';
  try {
    const enrolment = await api('/api/me/totp/enrol', { method: 'POST' });
    // the secret in groups of 4, as authenticator apps show and take it
    document.getElementById('secret').textContent = enrolment.secret.match(/.{1,4}/g).join(' ');
    document.getElementById('uri').textContent = enrolment.uri;
    if (enrolment.qrCode) {
      const qr = document.getElementById('qr');
      qr.src = enrolment.qrCode;
      qr.hidden = false;
    }
    document.getElementById('secret-box').hidden = false;
    document.getElementById('start').textContent = '重新生成';
  } catch (e) {
    message.textContent = problemText(e);
  }
});
document.getElementById('confirm-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const message = document.getElementById('enrol-message');
  message.textContent = '';
  try {
    await api('/api/me/totp/confirm', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: document.getElementById('confirm-code').value.trim() }) });
    await onward();
  } catch (e) {
    message.textContent = problemText(e);
  }
});
// the forms work before the header and the status are loaded: never submitted as plain (GET) forms
const me = await header('totp');
const show = (id) => { document.getElementById(id).hidden = false; };
if (me.firstStepMessage && me.firstStep === '/portal/totp.html') {
  const reason = document.getElementById('reason');
  reason.textContent = me.firstStepMessage;
  reason.hidden = false;
}
if (me.firstStepName === 'totp') {
  show('verify');
} else {
  const status = await api('/api/me/totp');
  if (status.enrolled) show('enrolled');
  else {
    show('enrol');
    if (!status.required) show('optional');
  }
}
