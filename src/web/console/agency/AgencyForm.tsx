import {
  Alert,
  Button,
  Fieldset,
  Group,
  MultiSelect,
  NumberInput,
  Stack,
  Switch,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffAgency } from '../../../common/types';
import { validateRequired } from '../auth/validation';
import { collectErrors, type FieldErrors, splitApiError } from '../shared/fieldErrors';
import { useDraft } from '../shared/useDraft';
import { focusFirstInvalid, useFieldErrors } from '../shared/useFieldErrors';
import { useUpdateAgency } from './agencyQueries';
import { TimezoneSelect } from './TimezoneSelect';
import { WorkingHoursEditor } from './WorkingHoursEditor';
import { validateWorkingHours, workingHoursFields } from './workingHoursForm';

const FIELDS = [
  'name',
  'shortName',
  'timezone',
  'retentionYears',
  'requestNumberPrefix',
  'reminderLeadDays',
  'requireTwoFactorForAdmins',
  ...workingHoursFields(),
];
const LEAD_DAY_CHOICES = [0, 1, 2, 3, 5, 7, 10];

export function AgencyForm({ agency, readOnly }: { agency: StaffAgency; readOnly: boolean }) {
  const { t } = useTranslation('console');
  const update = useUpdateAgency();
  const { errors, setErrors, clear } = useFieldErrors();
  const { draft, set, setDraft } = useDraft(agency, clear);
  const [formError, setFormError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {
      ...validateWorkingHours(draft.workingHours, t),
      ...collectErrors({
        name: validateRequired(draft.name, t),
        shortName: validateRequired(draft.shortName, t),
        // Seed 004 p. 4: the history is kept at least five years.
        retentionYears:
          Number.isInteger(draft.retentionYears) && draft.retentionYears >= 5 && draft.retentionYears <= 75
            ? null
            : t('clients.retention.yearsInvalid'),
      }),
    };
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(formRef.current);
      return;
    }
    const {
      name: n,
      shortName: s,
      timezone,
      workingHours,
      requestNumberPrefix,
      reminderLeadDays,
      retentionYears,
      requireTwoFactorForAdmins,
    } = draft;
    update.mutate(
      {
        name: n.trim(),
        shortName: s.trim(),
        timezone,
        workingHours,
        requestNumberPrefix: requestNumberPrefix.trim(),
        reminderLeadDays,
        retentionYears,
        // The security setting needs a fresh password (ASVS 3.7.1): sent only when it changes.
        ...(requireTwoFactorForAdmins === agency.requireTwoFactorForAdmins
          ? {}
          : { requireTwoFactorForAdmins }),
      },
      {
        onSuccess: (saved) => {
          setDraft(saved);
          notifications.show({ color: 'green', message: t('common:state.saved') });
        },
        onError: (error) => {
          const split = splitApiError(error, FIELDS, t);
          setErrors(split.fields);
          setFormError(split.form ?? t('agency.fixErrors'));
          focusFirstInvalid(formRef.current);
        },
      },
    );
  };

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate>
      <Stack maw={760}>
        {formError && (
          <Alert color="red" role="alert" title={t('common:state.saveError')}>
            {formError}
          </Alert>
        )}
        <Fieldset legend={t('agency.general')} disabled={readOnly}>
          <Stack>
            <TextInput
              label={t('agency.name')}
              required
              value={draft.name}
              error={errors.name}
              onChange={(event) => set('name', event.currentTarget.value)}
            />
            <TextInput
              label={t('agency.shortName')}
              description={t('agency.shortNameHint')}
              required
              value={draft.shortName}
              error={errors.shortName}
              onChange={(event) => set('shortName', event.currentTarget.value)}
            />
            <TextInput
              label={t('agency.slug')}
              value={draft.slug}
              readOnly
              description={t('agency.slugHint')}
            />
            <TimezoneSelect
              label={t('agency.timezone')}
              value={draft.timezone}
              error={errors.timezone}
              onChange={(timezone) => set('timezone', timezone)}
            />
            <NumberInput
              label={t('clients.retention.years')}
              description={t('clients.retention.yearsHint')}
              min={5}
              max={75}
              allowDecimal={false}
              value={draft.retentionYears}
              error={errors.retentionYears}
              onChange={(value) => set('retentionYears', typeof value === 'number' ? value : Number.NaN)}
            />
          </Stack>
        </Fieldset>
        <Fieldset legend={t('agency.hours.title')} disabled={readOnly}>
          <WorkingHoursEditor
            value={draft.workingHours}
            errors={errors}
            disabled={readOnly}
            onChange={(workingHours, changedField) => {
              clear(changedField);
              setDraft({ ...draft, workingHours });
            }}
          />
          {errors['workingHours.lunch'] && <Alert color="red">{errors['workingHours.lunch']}</Alert>}
          {errors.workingHours && <Alert color="red">{errors.workingHours}</Alert>}
        </Fieldset>
        <Fieldset legend={t('agency.requests.title')} disabled={readOnly}>
          <Stack>
            <TextInput
              label={t('agency.requests.prefix')}
              description={t('agency.requests.prefixHint')}
              maxLength={20}
              value={draft.requestNumberPrefix}
              error={errors.requestNumberPrefix}
              onChange={(event) => set('requestNumberPrefix', event.currentTarget.value)}
            />
            <MultiSelect
              label={t('agency.requests.reminders')}
              description={t('agency.requests.remindersHint')}
              data={LEAD_DAY_CHOICES.map((days) => ({
                value: String(days),
                label: t('agency.requests.leadDays', { count: days }),
              }))}
              value={draft.reminderLeadDays.map(String)}
              error={errors.reminderLeadDays}
              maxValues={5}
              onChange={(values) => set('reminderLeadDays', values.map(Number))}
            />
          </Stack>
        </Fieldset>
        <Fieldset legend={t('agency.security.title')} disabled={readOnly}>
          <Switch
            label={t('agency.security.requireTwoFactor')}
            description={t('agency.security.requireTwoFactorHint')}
            checked={draft.requireTwoFactorForAdmins}
            error={errors.requireTwoFactorForAdmins}
            onChange={(event) => set('requireTwoFactorForAdmins', event.currentTarget.checked)}
          />
        </Fieldset>
        {!readOnly && (
          <Group>
            <Button type="submit" loading={update.isPending}>
              {t('common:actions.save')}
            </Button>
            <Button variant="default" onClick={() => setDraft(agency)} disabled={update.isPending}>
              {t('common:actions.reset')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
