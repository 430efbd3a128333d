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
    throttled: ['Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {n} giây.', 'Too many failed sign-ins. Try again in {n} s.'],
    changeTitle: ['Đổi mật khẩu', 'Change your password'],
    changeFirst: [
      'Mật khẩu này do người khác đặt cho bạn. Hãy chọn mật khẩu của riêng bạn trước khi tiếp tục.',
      'Someone else chose this password for you. Choose your own before you go on.',
    ],
    currentPassword: ['Mật khẩu hiện tại', 'Current password'],
    newPassword: ['Mật khẩu mới', 'New password'],
    repeatPassword: ['Nhập lại mật khẩu mới', 'Repeat the new password'],
    passwordRule: [
      'Ít nhất 10 ký tự, gồm hai loại trở lên (chữ thường, chữ hoa, chữ số, ký hiệu), không chứa tên đăng nhập.',
      'At least 10 characters of two kinds or more (lower case, upper case, digits, symbols), not containing your username.',
    ],
    passwordsDiffer: ['Hai lần nhập mật khẩu mới không khớp.', 'The two new passwords differ.'],
    changeSubmit: ['Đổi mật khẩu', 'Change password'],
    changing: ['Đang đổi…', 'Changing…'],
  },
});
