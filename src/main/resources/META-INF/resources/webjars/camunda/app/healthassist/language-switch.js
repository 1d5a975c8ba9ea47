/*
 * 中文 / English switch in the header of the Camunda web apps, and the link to the portal beside it. The choice is kept in this browser
 * (localStorage "healthassist.locale") and read by scripts/config.js; Chinese is the default.
 * One file for Tasklist (imported by tasklist/healthassist/tasklist-plugins.js), Admin and the welcome page (their
 * scripts/config.js load it as a custom script); the browser test e2e/specs/webapps.mjs clicks it in all three.
 */
const KEY = 'healthassist.locale';

function current() {
  return window.localStorage.getItem(KEY) === 'en' ? 'en' : 'zh';
}

/** Adds the switch after the web app's name in the header, once the header is there; true when it is shown. */
function addSwitch() {
  if (document.getElementById('healthassist-language')) {
    return true;
  }
  // Camunda 7.24's header (cam-widget-header): a white bar whose .navbar-header holds the web app's name
  const header = document.querySelector('[cam-widget-header] .navbar-header, .navbar-header');
  if (!header) {
    return false;
  }
  const link = document.createElement('a');
  link.id = 'healthassist-language';
  link.href = '#';
  link.setAttribute('role', 'button');
  link.setAttribute('lang', current() === 'en' ? 'zh' : 'en');
  link.textContent = current() === 'en' ? '中文' : 'English';
  link.title = current() === 'en' ? '切换为中文' : 'Switch to English';
  link.style.cssText = 'float:left;margin:15px 14px 0 18px;font-size:13px;line-height:20px;color:#155cb5;';
  link.addEventListener('click', (event) => {
    event.preventDefault();
    window.localStorage.setItem(KEY, current() === 'en' ? 'zh' : 'en');
    window.location.reload();
  });
  header.appendChild(link);
  // the portal (我的申请, 已办, 案件查询, reports) is one click away from every web app, as the web apps are from it
  const portal = document.createElement('a');
  portal.id = 'healthassist-portal';
  portal.href = '/portal/index.html';
  portal.textContent = current() === 'en' ? 'My cases' : '我的申请与查询';
  portal.title = current() === 'en' ? 'The portal: my applications, cases done, search, reports' : '门户：我的申请、已办、案件查询、统计';
  portal.style.cssText = 'float:left;margin:15px 6px 0 4px;font-size:13px;line-height:20px;color:#155cb5;';
  header.appendChild(portal);
  return true;
}

// the web app draws its header after this script runs, and may draw it again: add the switch whenever it is missing
new MutationObserver(addSwitch).observe(document.documentElement, { childList: true, subtree: true });
addSwitch();

export default [];
