// The optional profile details the sign-up form and the account page both ask for: phone,
// birthday (a date input, ISO yyyy-mm-dd, from BIRTHDAY_MIN to today) and account type. Each page
// passes its own input builder and account type, so each keeps where its values come from (what
// was typed before a refusal, what is saved, or nothing yet).
import type { InputHTMLAttributes } from 'react';
import { useTranslation } from '~/i18n/react';
import { ACCOUNT_TYPES, BIRTHDAY_MIN, getTodayIsoDate } from '~/utils/account-rules';
import { Field, SelectField } from './forms';
import { fieldErrors, fieldId, type FormReply } from './form-reply';

interface ProfileDetailFieldsProps {
  formId: string;
  reply: FormReply | undefined;
  input: (name: string, type: string, autoComplete: string) => InputHTMLAttributes<HTMLInputElement>;
  accountType: string;
}

export function ProfileDetailFields({ formId, reply, input, accountType }: ProfileDetailFieldsProps) {
  const { t } = useTranslation('account');
  return (
    <>
      <Field label={t('fields.phone')} hint={t('hints.phone')} inputProps={input('phone', 'tel', 'tel')} errors={fieldErrors(reply, 'phone')} />
      <Field
        label={t('fields.birthday')}
        hint={t('hints.birthday')}
        inputProps={{ ...input('birthday', 'date', 'bday'), min: BIRTHDAY_MIN, max: getTodayIsoDate() }}
        errors={fieldErrors(reply, 'birthday')}
      />
      <SelectField
        label={t('fields.accountType')}
        selectProps={{ id: fieldId(formId, 'accountType'), name: 'accountType', defaultValue: accountType }}
        options={ACCOUNT_TYPES.map((value) => ({ value, label: t(`accountType.${value}`) }))}
        errors={fieldErrors(reply, 'accountType')}
      />
    </>
  );
}
