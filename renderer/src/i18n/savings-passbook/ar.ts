import type { SavingsPassbookCatalog } from './fr';

export const savingsPassbookAr: SavingsPassbookCatalog = {
  'passbook.outcome.up-to-date': 'لا جديد للطبع: الدفتر محدث.',
  'passbook.outcome.mini-statement': 'لا توجد طابعة دفاتر في هذا الشباك: طبع كشف على طابعة الإيصالات. ستسجل الأسطر في الدفتر في الزيارة القادمة.',
  'passbook.issued': 'دفتر جديد رقم {number}: اكتب هذا الرقم على غلافه.',
  'passbook.remaining':
    '{count, plural, zero {لا أسطر متبقية للطبع} one {بقي سطر واحد للطبع} two {بقي سطران للطبع} few {بقيت # أسطر للطبع} many {بقي # سطرا للطبع} other {بقي # سطر للطبع}}.',
  'passbook.waitingDeposits':
    '{count, plural, zero {لا إيداعات} one {إيداع واحد} two {إيداعان} few {# إيداعات} many {# إيداعا} other {# إيداع}} {count, plural, one {سيطبع} two {سيطبعان} other {ستطبع}} بعد أن يضيفها المقر إلى الحساب.',
  'passbook.replaced': 'أوقف الدفتر {lost}. دفتر جديد رقم {number}: يبدأ بترحيل الرصيد.',
  'passbook.reprinted': '{count, plural, zero {لم يعد طبع أي سطر} one {أعيد طبع سطر واحد} two {أعيد طبع سطرين} few {أعيد طبع # أسطر} many {أعيد طبع # سطرا} other {أعيد طبع # سطر}} في مكانها.',
  'passbook.line.deposit': 'إيداع',
  'passbook.line.withdrawal': 'سحب',
  'passbook.line.interest': 'فوائد',
  'passbook.line.brought-forward': 'رصيد مرحل',
  'passbook.line.creditedOn': 'أضيف في {date}',
  'cash.rule.passbook-needs-head-office': 'لا يحدث الدفتر إلا مع المقر (أسطره هي المرجع): الاتصال منقطع، أعد المحاولة عند عودته.',
  'cash.rule.statement-needs-head-office': 'الكشف يأتي من المقر: الاتصال منقطع، أعد المحاولة عند عودته.',
  'cash.rule.passbook-lost': 'صُرّح بضياع هذا الدفتر: إنه موقوف. لا تطبع فيه، احتفظ به وأبلغ رئيس المكتب.',
  'cash.rule.passbook-unknown': 'دفتر غير معروف في هذا الشباك: تحقق من الرقم.',
  'cash.rule.passbook-other-account': 'هذا الدفتر تابع لحساب آخر.',
  'cash.rule.passbook-printing': 'دفتر هذا الحساب قيد الطبع حاليا.',
  'cash.rule.passbook-layout-changed': 'تغير تنسيق طابعة الدفاتر منذ طبع هذا الدفتر: اتصل بالفني.',
  'cash.rule.passbook-line-not-printed': 'لم يطبع شيء بعد في هذا السطر من الدفتر.',
  'cash.rule.no-passbook': 'ليس لهذا الحساب دفتر في هذا الشباك.',
  'cash.rule.no-passbook-printer': 'لا توجد طابعة دفاتر في هذا الشباك.',
  'ops.kind.savings-passbook-replaced': 'استبدال دفتر ضائع',
  'action.savings.passbook.reprint': 'إعادة طبع الدفتر',
  'action.savings.passbook.lostPresented': 'تقديم دفتر ضائع',
  'action.savings.passbook.cursorKept': 'دفتر أوقف أثناء الطبع',
};
