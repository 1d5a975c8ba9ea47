/*
 * Welcome page of 健康扶贫业务协同: Chinese by default, English selectable, links to the project's own pages.
 */
const chosen = (window.localStorage && window.localStorage.getItem('healthassist.locale')) === 'en' ? 'en' : 'zh';

export default {
  app: {
    name: '健康扶贫业务协同',
    vendor: '示范县'
  },
  locales: {
    availableLocales: [chosen],
    fallbackLocale: chosen
  },
  customScripts: ['../healthassist/language-switch.js'],
  links: [
    {
      label: '业务门户',
      href: '/portal/index.html',
      description: '案件查询与审计、统计报表、我的申请'
    }
  ],
  disableWelcomeMessage: true
};
