/*
 * Tasklist configuration of 健康扶贫业务协同 (overrides the file of the Camunda webjar).
 * Chinese by default for everyone; English stays selectable with the 中文 / English switch in the header,
 * which remembers the choice in this browser (localStorage "healthassist.locale").
 */
const chosen = (window.localStorage && window.localStorage.getItem('healthassist.locale')) === 'en' ? 'en' : 'zh';

export default {
  app: {
    name: '任务列表',
    vendor: '健康扶贫'
  },
  dateFormat: {
    normal: 'YYYY-MM-DD HH:mm',
    long: 'YYYY年M月D日 HH:mm'
  },
  locales: {
    availableLocales: [chosen],
    fallbackLocale: chosen
  },
  // the 附件 tab, the language switch and Chinese messages for form validation
  customScripts: ['healthassist/tasklist-plugins.js'],
  disableWelcomeMessage: true,
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: '认领当前选中的任务'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: '焦点移到第一个过滤器'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: '焦点移到任务列表的第一个任务'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: '焦点移到任务表单的第一个输入框'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: '打开发起流程对话框'
    }
  }
};
