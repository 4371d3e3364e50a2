import { NumberInput, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../ui/api';
import { useDepartments } from '../departments/departmentQueries';
import { FormModal } from '../shared/FormModal';
import { collectErrors } from '../shared/fieldErrors';
import { useSaveForm } from '../shared/useSaveForm';
import { AnswerComposer } from './AnswerComposer';
import { RedirectAgencySelect } from './RedirectAgencySelect';
import { useAssignableUsers, useRequestAction, useRequestGrounds } from './requestQueries';
import type { LegalGround, RequestAction, RequestDetail } from './requestTypes';

interface ActionModalProps {
  request: RequestDetail;
  action: RequestAction;
  onClose: () => void;
}

interface Values {
  departmentId: string;
  assigneeId: string;
  days: string;
  reason: string;
  text: string;
  form: string;
  groundCode: string;
  agency: string;
  addressee: string;
}
type FieldName = keyof Values;

/** The fields each action's form has, by their path in the request body. */
const FIELDS: Record<RequestAction, readonly FieldName[]> = {
  assign: ['departmentId', 'assigneeId'],
  start: [],
  extend: ['days', 'reason'],
  answer: ['text', 'form'],
  refuse: ['groundCode', 'reason'],
  leaveWithoutAnswer: ['groundCode', 'reason'],
  redirect: ['agency', 'addressee', 'reason'],
  close: [],
};

/** One dialog for every action on a request: its fields, the call, and the server's refusals. */
export function ActionModal({ request, action, onClose }: ActionModalProps) {
  const { t } = useTranslation('console');
  const mutation = useRequestAction(request.id, action);
  const form = useSaveForm({
    mutation,
    fields: FIELDS[action],
    onSaved: onClose,
    savedMessage: () => t(`requests.done.${action}`),
  });
  const [values, setValues] = useState<Values>({
    departmentId: request.departmentId ?? '',
    assigneeId: request.assigneeId ?? '',
    days: '',
    reason: '',
    text: '',
    form: 'electronic',
    groundCode: '',
    agency: '',
    addressee: '',
  });
  const set = (field: FieldName) => (value: string | number | null) => {
    setValues((current) => ({ ...current, [field]: value === null ? '' : String(value) }));
    form.clear(field);
  };
  const required = (field: FieldName) => (values[field].trim() ? null : t('common:validation.required'));
  const errorOf = (field: FieldName) => form.errors[field];

  const submit = () => {
    switch (action) {
      case 'assign':
        return form.submit(
          collectErrors({
            departmentId: values.departmentId || values.assigneeId ? null : t('requests.form.assignHint'),
          }),
          { departmentId: values.departmentId || null, assigneeId: values.assigneeId || null },
        );
      case 'extend': {
        const days = Number(values.days);
        const validDays = Number.isInteger(days) && days >= 1 && days <= 30;
        return form.submit(
          collectErrors({
            days: validDays ? null : t('requests.form.daysHint'),
            reason: required('reason'),
          }),
          { days, reason: values.reason.trim() },
        );
      }
      case 'answer':
        return form.submit(collectErrors({ text: required('text'), form: required('form') }), {
          text: values.text.trim(),
          form: values.form,
        });
      case 'refuse':
      case 'leaveWithoutAnswer':
        return form.submit(
          collectErrors({ groundCode: required('groundCode'), reason: required('reason') }),
          {
            groundCode: values.groundCode,
            reason: values.reason.trim(),
          },
        );
      case 'redirect':
        return form.submit(
          collectErrors({
            addressee:
              values.agency || values.addressee.trim() ? null : t('requests.form.redirectTargetHint'),
            reason: required('reason'),
          }),
          values.agency
            ? { agency: values.agency, reason: values.reason.trim() }
            : { addressee: values.addressee.trim(), reason: values.reason.trim() },
        );
      default:
        return form.submit({}, {});
    }
  };

  const reason = (
    <Textarea
      label={t('requests.form.reason')}
      description={t('requests.form.reasonHint')}
      value={values.reason}
      onChange={(event) => set('reason')(event.currentTarget.value)}
      error={errorOf('reason')}
      autosize
      minRows={3}
      maxLength={2000}
      required
    />
  );

  return (
    <FormModal
      title={`${t(`requests.actions.${action}`)}: ${request.number}`}
      size={action === 'answer' ? 'xl' : 'md'}
      onClose={onClose}
      onSubmit={submit}
      formError={form.formError}
      pending={form.pending}
      submitLabel={t(`requests.actions.${action}`)}
    >
      {action === 'assign' && <AssignFields values={values} set={set} errorOf={errorOf} />}
      {action === 'start' && <Text>{t('requests.form.startConfirm')}</Text>}
      {action === 'close' && <Text>{t('requests.form.closeConfirm')}</Text>}
      {action === 'extend' && (
        <Stack>
          <NumberInput
            label={t('requests.form.days')}
            description={t('requests.form.daysHint')}
            value={values.days}
            onChange={set('days')}
            error={errorOf('days')}
            min={1}
            max={30}
            allowDecimal={false}
            allowNegative={false}
            required
          />
          {reason}
        </Stack>
      )}
      {action === 'answer' && (
        <AnswerComposer
          request={request}
          text={values.text}
          form={values.form}
          onText={set('text')}
          onForm={set('form')}
          errorOf={errorOf}
        />
      )}
      {(action === 'refuse' || action === 'leaveWithoutAnswer') && (
        <Stack>
          <GroundSelect
            list={action === 'refuse' ? 'info_request' : 'appeal'}
            value={values.groundCode}
            onChange={set('groundCode')}
            error={errorOf('groundCode')}
          />
          {reason}
        </Stack>
      )}
      {action === 'redirect' && (
        <Stack>
          <RedirectAgencySelect value={values.agency} onChange={set('agency')} error={errorOf('agency')} />
          <TextInput
            label={t('requests.form.addressee')}
            description={t('requests.form.addresseeHint')}
            value={values.addressee}
            onChange={(event) => set('addressee')(event.currentTarget.value)}
            error={errorOf('addressee')}
            maxLength={500}
            disabled={Boolean(values.agency)}
          />
          {reason}
        </Stack>
      )}
    </FormModal>
  );
}

interface FieldProps {
  values: Values;
  set: (field: FieldName) => (value: string | number | null) => void;
  errorOf: (field: FieldName) => string | undefined;
}

function AssignFields({ values, set, errorOf }: FieldProps) {
  const { t } = useTranslation('console');
  const departments = useDepartments();
  const users = useAssignableUsers();
  // The staff list is for admin and head; an operator assigns to a department only.
  const usersForbidden = users.error instanceof ApiError && users.error.status === 403;
  return (
    <Stack>
      <Select
        label={t('requests.form.department')}
        placeholder={t('requests.form.noDepartment')}
        data={(departments.data ?? []).map((department) => ({
          value: department.id,
          label: department.name,
        }))}
        value={values.departmentId || null}
        onChange={set('departmentId')}
        error={errorOf('departmentId')}
        searchable
        clearable
      />
      {!usersForbidden && (
        <Select
          label={t('requests.form.assignee')}
          placeholder={t('requests.form.noAssignee')}
          data={(users.data?.items ?? [])
            .filter((user) => user.active)
            .map((user) => ({ value: user.id, label: `${user.name} (${user.email})` }))}
          value={values.assigneeId || null}
          onChange={set('assigneeId')}
          error={errorOf('assigneeId')}
          searchable
          clearable
        />
      )}
    </Stack>
  );
}

function groundLabel(ground: LegalGround, unverifiedNote: string): string {
  const base = `${ground.title} — ${ground.citation}`;
  return ground.unverified ? `${base} ${unverifiedNote}` : base;
}

function GroundSelect(props: {
  list: 'appeal' | 'info_request';
  value: string;
  onChange: (value: string | null) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation('console');
  const grounds = useRequestGrounds();
  return (
    <Select
      label={t('requests.form.ground')}
      data={(grounds.data?.[props.list] ?? []).map((ground) => ({
        value: ground.code,
        label: groundLabel(ground, t('requests.form.unverified')),
      }))}
      value={props.value || null}
      onChange={props.onChange}
      error={props.error ?? (grounds.isError ? t('common:state.loadError') : undefined)}
      searchable
      required
      comboboxProps={{ width: 560, position: 'bottom-start' }}
    />
  );
}
