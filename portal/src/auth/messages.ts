import { bilingual } from '../shared/i18n';

/** Each text in Vietnamese, then in English. */
export const messages = bilingual({
  auth: {
    title: ['Đăng nhập', 'Sign in'],
    subtitle: ['Hệ thống đánh giá Chỉ số cải cách hành chính thành phố Hà Nội', 'Hà Nội administrative reform index (PAR Index)'],
    username: ['Tên đăng nhập', 'Username'],
    password: ['Mật khẩu', 'Password'],
    submit: ['Đăng nhập', 'Sign in'],
    signingIn: ['Đang đăng nhập…', 'Signing in…'],
    signOut: ['Đăng xuất', 'Sign out'],
    required: ['Vui lòng nhập tên đăng nhập và mật khẩu.', 'Please enter your username and password.'],
  },
});
