/*
 * Cockpit configuration of 健康扶贫业务协同: Chinese by default, English selectable with the 中文 / English switch in
 * the header (see tasklist/scripts/config.js). The Chinese labels (locales/zh.json) start from the community
 * translation (camunda-community-hub/camunda-7-webapp-translations, cockpit/zh-CN.json) completed for 7.24.
 */
const chosen = (window.localStorage && window.localStorage.getItem('healthassist.locale')) === 'en' ? 'en' : 'zh';

export default {
  app: {
    name: '流程监控',
    vendor: '健康扶贫'
  },
  locales: {
    availableLocales: [chosen],
    fallbackLocale: chosen
  },
  customScripts: ['../healthassist/language-switch.js'],
  disableWelcomeMessage: true
};
