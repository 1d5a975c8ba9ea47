/*
 * Admin configuration of 健康扶贫业务协同: Chinese by default, English selectable (see tasklist/scripts/config.js).
 */
const chosen = (window.localStorage && window.localStorage.getItem('healthassist.locale')) === 'en' ? 'en' : 'zh';

export default {
  app: {
    name: '系统管理',
    vendor: '健康扶贫'
  },
  locales: {
    availableLocales: [chosen],
    fallbackLocale: chosen
  },
  customScripts: ['../healthassist/language-switch.js'],
  disableWelcomeMessage: true
};
