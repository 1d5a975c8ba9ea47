/*
 * 中文 / English switch in the header of the Camunda web apps. The choice is kept in this browser
 * (localStorage "healthassist.locale") and read by scripts/config.js; Chinese is the default.
 */
const KEY = 'healthassist.locale';

function current() {
  return window.localStorage.getItem(KEY) === 'en' ? 'en' : 'zh';
}

function addSwitch() {
  if (document.getElementById('healthassist-language')) {
    return true;
  }
  const header = document.querySelector('.navbar .navbar-header, .navbar');
  if (!header) {
    return false;
  }
  const link = document.createElement('a');
  link.id = 'healthassist-language';
  link.href = '#';
  link.setAttribute('role', 'button');
  link.textContent = current() === 'en' ? '中文' : 'English';
  link.title = current() === 'en' ? '切换为中文' : 'Switch to English';
  link.style.cssText = 'position:absolute;right:230px;top:14px;color:#fff;font-size:13px;z-index:1000;';
  link.addEventListener('click', (event) => {
    event.preventDefault();
    window.localStorage.setItem(KEY, current() === 'en' ? 'zh' : 'en');
    window.location.reload();
  });
  header.appendChild(link);
  return true;
}

const observer = new MutationObserver(() => {
  if (addSwitch()) {
    observer.disconnect();
  }
});
if (!addSwitch()) {
  observer.observe(document.documentElement, { childList: true, subtree: true });
}

export default [];
