import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestType, Topic } from '../../../common/classification';
import type { RequestDetail } from '../requests/requestTypes';
import { type FieldErrors, splitApiError } from '../shared/fieldErrors';
import { useClassify } from './classificationQueries';

const FIELDS = ['topicId', 'typicalNeedId', 'requestType', 'urgent', 'departmentId'] as const;

export interface Draft {
  topicId: string | null;
  typicalNeedId: string | null;
  requestType: RequestType | null;
  urgent: boolean;
  departmentId: string | null;
}

/** The classification form's state: starts from what the server stored, confirms through the API. */
export function useClassificationDraft(request: RequestDetail, topics: Topic[]) {
  const { t } = useTranslation('console');
  const { t: common } = useTranslation();
  const classify = useClassify(request.id);
  const [draft, setDraft] = useState<Draft>({
    topicId: request.topicId,
    typicalNeedId: request.typicalNeedId,
    requestType: request.requestType,
    urgent: request.urgent,
    departmentId: request.departmentId,
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const set = (patch: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    setErrors({});
  };

  /** A new topic clears the need and brings its default department unless one is given. */
  const pickTopic = (id: string | null, departmentId?: string | null) => {
    const chosen = topics.find((item) => item.id === id);
    set({
      topicId: id,
      typicalNeedId: null,
      departmentId: departmentId ?? chosen?.defaultDepartmentId ?? draft.departmentId,
    });
  };

  const confirm = () => {
    const { topicId, requestType } = draft;
    const found: FieldErrors = {};
    if (!topicId) found.topicId = t('classification.chooseTopic');
    if (!requestType) found.requestType = t('classification.chooseType');
    setErrors(found);
    setFormError(null);
    if (!topicId || !requestType) return;
    classify.mutate(
      { ...draft, topicId, requestType },
      {
        onSuccess: () => notifications.show({ color: 'green', message: t('classification.confirmed') }),
        onError: (error) => {
          const split = splitApiError(error, FIELDS, common);
          setErrors(split.fields);
          setFormError(split.form);
        },
      },
    );
  };

  return { draft, set, pickTopic, confirm, errors, formError, pending: classify.isPending };
}
