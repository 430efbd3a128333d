import { bilingual } from './i18n';

/** The texts of the shared pieces (the language switch, the upload client). */
export const sharedMessages = bilingual({
  shared: {
    language: ['Ngôn ngữ', 'Language'],
    uploadConnectionLost: ['Mất kết nối khi tải lên.', 'The connection failed during the upload.'],
  },
});
