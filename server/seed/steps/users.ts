import { Role } from '../../access/index.ts';
import { hashPassword, User } from '../../auth/index.ts';
import { Unit } from '../../units/index.ts';
import type { SeedStepDefinition } from '../seed.ts';

export const DEMO_PASSWORD = 'hanoi2023';

/** The demo accounts printed at start-up and used by the tests. */
export const demoAccounts = [
  { username: 'admin', displayName: 'Quản trị hệ thống', roles: [Role.ADMIN] },
  { username: 'secretariat', displayName: 'Tổ thư ký – Sở Nội vụ', roles: [Role.SECRETARIAT] },
  { username: 'appraiser', displayName: 'Thành viên Hội đồng thẩm định', roles: [Role.APPRAISER] },
  { username: 'analyst', displayName: 'Chuyên viên phân tích', roles: [Role.ANALYST] },
  { username: 'sontay', displayName: 'Cán bộ CCHC – thị xã Sơn Tây', roles: [Role.UNIT_STAFF], unitCode: 'SONTAY' },
  { username: 'sontay.lead', displayName: 'Lãnh đạo UBND thị xã Sơn Tây', roles: [Role.UNIT_LEAD], unitCode: 'SONTAY' },
  { username: 'thanhoai', displayName: 'Cán bộ CCHC – huyện Thanh Oai', roles: [Role.UNIT_STAFF], unitCode: 'THANHOAI' },
] as const;

export const demoUsersStep: SeedStepDefinition = {
  name: 'demo-users',
  demoOnly: true,
  async run(em) {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const account of demoAccounts) {
      const unit = 'unitCode' in account ? await em.findOneOrFail(Unit, { code: account.unitCode }) : null;
      em.create(User, {
        username: account.username,
        displayName: account.displayName,
        roles: [...account.roles],
        unit,
        passwordHash,
        active: true,
      });
    }
  },
};
