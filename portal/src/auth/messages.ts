export const messages = {
  vi: {
    auth: {
      title: 'Đăng nhập',
      subtitle: 'Hệ thống đánh giá Chỉ số cải cách hành chính thành phố Hà Nội',
      username: 'Tên đăng nhập',
      password: 'Mật khẩu',
      submit: 'Đăng nhập',
      signingIn: 'Đang đăng nhập…',
      signOut: 'Đăng xuất',
      required: 'Vui lòng nhập tên đăng nhập và mật khẩu.',
    },
  },
  en: {
    auth: {
      title: 'Sign in',
      subtitle: 'Hà Nội administrative reform index (PAR Index)',
      username: 'Username',
      password: 'Password',
      submit: 'Sign in',
      signingIn: 'Signing in…',
      signOut: 'Sign out',
      required: 'Please enter your username and password.',
    },
  },
};
