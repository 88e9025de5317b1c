/**
 * Use cases of alert rules and alerts: rules managed by territory admins, alerts opened by the
 * data (the observation writer, the silent-sensor trigger) and handled by agents.
 */
import { newEvent, type DomainEvent } from '../events/domain-event';
import type { Clock } from '../kernel/clock';
import { ConflictError, NotFoundError, RuleViolationError } from '../kernel/errors';
import { newId } from '../kernel/ids';
import { assertCanActOnCommune, assertTerritoryAdmin, type Principal } from '../kernel/principal';
import {
  alertMessage,
  appliesTo,
  closesWhenConditionEnds,
  conditionHolds,
  isSilent,
  type Alert,
  type AlertRule,
  type AlertState,
  type Operator,
  type RuleScope,
} from './alerts';
import { propertyOf, type PropertyDefinition } from './sensor-catalogue';
import { SENSOR_EVENTS } from './sensor-events';
import type { Page } from '../kernel/schemas';
import type { AlertStore, ObservationStore, SensorRegistry } from './sensors-ports';
import { lastObservedAt, type LatestEntry, type ObservedValue, type Sensor } from './sensors';
import { assertTerritoryStaff, sensorChangeEvent } from './sensors-use-cases';

export interface AlertDeps {
  readonly alerts: AlertStore;
  readonly registry: SensorRegistry;
  readonly observations: ObservationStore;
  readonly clock: Clock;
}

/** A property's value that became (or, `advanced: false`, may already be) its sensor's latest. */
export interface LatestChange {
  readonly sensor: Sensor;
  readonly property: string;
  readonly entry: LatestEntry;
  readonly advanced: boolean;
  readonly previous?: LatestEntry;
}

export interface RuleInput {
  readonly name: string;
  readonly scope: RuleScope;
  readonly property?: string;
  readonly operator: Operator;
  readonly threshold?: ObservedValue;
  readonly silentForSeconds?: number;
  readonly severity: AlertRule['severity'];
  readonly openReport?: { readonly category: string };
}

const refuse = (message: string, rule: string): never => {
  throw new RuleViolationError(message, rule);
};

/** The operator, threshold and property must make sense together for the property's kind. */
const checkCondition = (input: RuleInput, definition: PropertyDefinition | undefined): void => {
  if (input.operator === 'FROZEN') {
    if (!input.silentForSeconds || input.silentForSeconds < 60)
      refuse('A FROZEN rule needs silentFor, one minute or more', 'frozen-duration');
    return;
  }
  if (!input.property || !definition)
    return refuse('The rule must name a property of the sensor type', 'property-of-type');
  const numeric = definition.kind === 'number';
  if (['GT', 'GTE', 'LT', 'LTE'].includes(input.operator) && (!numeric || typeof input.threshold !== 'number'))
    refuse(`${input.operator} compares a numeric property with a numeric threshold`, 'threshold-numeric');
  if (input.operator === 'EQ') {
    const fits = numeric
      ? typeof input.threshold === 'number'
      : typeof input.threshold === 'string' && definition.values.includes(input.threshold);
    if (!fits)
      refuse(
        numeric
          ? 'EQ on a numeric property needs a numeric threshold'
          : `EQ on ${input.property} needs one of ${definition.values.join(', ')}`,
        'threshold-fits-property',
      );
  }
  if (input.operator === 'CHANGE' && input.threshold !== undefined && (!numeric || typeof input.threshold !== 'number'))
    refuse('A CHANGE threshold is a numeric step, for numeric properties', 'threshold-numeric');
};

export const makeAlertUseCases = ({ alerts, registry, observations, clock }: AlertDeps) => {
  /** Opens an alert for the rule on the sensor, with its events, unless one is open already. */
  const open = async (
    rule: AlertRule,
    sensor: Sensor,
    current?: LatestEntry,
    previous?: LatestEntry,
  ): Promise<boolean> => {
    const alert: Alert = {
      territory: sensor.territory,
      id: newId(),
      ruleId: rule.id,
      ruleName: rule.name,
      operator: rule.operator,
      severity: rule.severity,
      sensorId: sensor.id,
      sensorType: sensor.type,
      commune: sensor.commune.insee,
      ...(rule.property ? { property: rule.property } : {}),
      ...(current ? { value: current.value, observedAt: current.observedAt } : {}),
      ...(rule.threshold !== undefined ? { threshold: rule.threshold } : {}),
      message: alertMessage(rule, sensor, current, previous),
      state: 'open',
      openedAt: clock.now().toISOString(),
      reportRequested: rule.openReport !== undefined,
      version: 1,
    };
    const [territory, subject] = [sensor.territory, `sensor/${sensor.id}/alert/${alert.id}`];
    const events: DomainEvent[] = [newEvent(clock, SENSOR_EVENTS.alertOpened, { territory, subject, data: alert })];
    if (rule.openReport) {
      // The reports context de-duplicates against citizens' open reports at that place.
      events.push(
        newEvent(clock, SENSOR_EVENTS.reportRequested, {
          territory,
          subject,
          data: {
            alertId: alert.id,
            category: rule.openReport.category,
            location: sensor.location,
            commune: sensor.commune.insee,
            description: alert.message,
            dedup: { sensorId: sensor.id, ruleId: rule.id, category: rule.openReport.category, radiusMeters: 30 },
          },
        }),
      );
    }
    return alerts.openAlert(alert, events);
  };

  /** Moves an alert to acknowledged or closed at the version read; the event goes with it. */
  const transition = async (
    alert: Alert,
    changes: Partial<Alert>,
    principal: Principal | undefined,
  ): Promise<Alert> => {
    const next: Alert = { ...alert, ...changes, version: alert.version + 1 };
    const definition = next.state === 'closed' ? SENSOR_EVENTS.alertClosed : SENSOR_EVENTS.alertAcknowledged;
    const event = sensorChangeEvent(
      clock,
      definition,
      principal,
      alert.territory,
      `sensor/${alert.sensorId}/alert/${alert.id}`,
      {
        before: { state: alert.state },
        after: { state: next.state, note: next.note ?? null },
      },
    );
    await alerts.saveAlert(next, alert.version, [event]);
    return next;
  };

  /** Closes an open alert because the data says so; an agent acting at the same time wins. */
  const closeBySystem = async (siren: string, alertId: string, note: string): Promise<void> => {
    const alert = await alerts.getAlert(siren, alertId);
    if (!alert || alert.state === 'closed') return;
    await transition(
      alert,
      { state: 'closed', closedAt: clock.now().toISOString(), closedBy: 'system', note },
      undefined,
    ).catch((error: unknown) => {
      if (!(error instanceof ConflictError)) throw error;
    });
  };

  const requireAlert = async (principal: Principal, siren: string, alertId: string): Promise<Alert> => {
    assertTerritoryStaff(principal, siren);
    const alert = await alerts.getAlert(siren, alertId);
    if (!alert) throw new NotFoundError(`No alert ${alertId} in territory ${siren}`);
    assertCanActOnCommune(principal, siren, alert.commune);
    return alert;
  };

  return {
    /** Primary course: an admin defines a condition on one sensor or a whole type; it applies to new data. */
    saveRule: async (principal: Principal, siren: string, ruleId: string, input: RuleInput): Promise<AlertRule> => {
      assertTerritoryAdmin(principal, siren);
      let sensorType = 'type' in input.scope ? input.scope.type : undefined;
      if ('sensorId' in input.scope) {
        const sensor = await registry.getSensor(siren, input.scope.sensorId);
        if (!sensor) throw new NotFoundError(`No sensor ${input.scope.sensorId} in territory ${siren}`);
        if (input.property && !sensor.properties.some((p) => p.name === input.property))
          refuse(`Sensor ${sensor.id} does not measure ${input.property}`, 'property-of-type');
        sensorType = sensor.type;
      }
      checkCondition(input, input.property ? propertyOf(sensorType!, input.property) : undefined);
      const previous = (await alerts.listRules(siren)).find((r) => r.id === ruleId);
      const rule: AlertRule = {
        territory: siren,
        id: ruleId,
        name: input.name,
        scope: input.scope,
        operator: input.operator,
        severity: input.severity,
        ...(input.operator !== 'FROZEN' && input.property ? { property: input.property } : {}),
        ...(input.operator !== 'FROZEN' && input.threshold !== undefined ? { threshold: input.threshold } : {}),
        ...(input.operator === 'FROZEN' ? { silentForSeconds: input.silentForSeconds } : {}),
        ...(input.openReport ? { openReport: input.openReport } : {}),
        version: (previous?.version ?? 0) + 1,
        updatedAt: clock.now().toISOString(),
      };
      const event = sensorChangeEvent(clock, SENSOR_EVENTS.alertRuleSaved, principal, siren, `alert-rule/${ruleId}`, {
        before: previous ?? null,
        after: rule,
      });
      await alerts.saveRule(rule, previous?.version, event);
      return rule;
    },

    deleteRule: async (principal: Principal, siren: string, ruleId: string): Promise<void> => {
      assertTerritoryAdmin(principal, siren);
      const rule = (await alerts.listRules(siren)).find((r) => r.id === ruleId);
      if (!rule) throw new NotFoundError(`No alert rule ${ruleId} in territory ${siren}`);
      const event = sensorChangeEvent(clock, SENSOR_EVENTS.alertRuleDeleted, principal, siren, `alert-rule/${ruleId}`, {
        before: rule,
        after: null,
      });
      await alerts.deleteRule(rule, event);
    },

    listRules: async (principal: Principal, siren: string): Promise<AlertRule[]> => {
      assertTerritoryStaff(principal, siren);
      return alerts.listRules(siren);
    },

    /**
     * Primary course: after a batch is written, each value that became a sensor's latest is checked
     * against the rules that watch it: a condition that holds opens an alert (one per rule and
     * sensor), one that no longer holds closes it; any data closes a FROZEN alert.
     * A redelivered batch finds its values already latest (`advanced: false`): thresholds are
     * checked again (opening is idempotent), so a crash between the two writes loses no alert.
     */
    onLatestValues: async (
      siren: string,
      changes: readonly LatestChange[],
    ): Promise<{ opened: number; closed: number }> => {
      const rules = await alerts.listRules(siren);
      const watched = changes.filter((c) => rules.some((r) => appliesTo(r, c.sensor)));
      if (watched.length === 0) return { opened: 0, closed: 0 };
      const stored = await observations.getLatest(
        siren,
        watched.filter((c) => !c.advanced).map((c) => c.sensor.id),
      );
      let [opened, closed] = [0, 0];
      const openBySensor = new Map<string, Promise<Map<string, string>>>();
      const openAlerts = (sensorId: string) => {
        if (!openBySensor.has(sensorId)) openBySensor.set(sensorId, alerts.openAlertsOf(siren, sensorId));
        return openBySensor.get(sensorId)!;
      };
      for (const c of watched) {
        const isLatest = c.advanced || stored.get(c.sensor.id)?.[c.property]?.observedAt === c.entry.observedAt;
        if (!isLatest) continue;
        const markers = await openAlerts(c.sensor.id);
        for (const rule of rules.filter((r) => appliesTo(r, c.sensor))) {
          if (rule.operator === 'FROZEN') {
            const alertId = markers.get(rule.id);
            if (c.advanced && alertId) {
              await closeBySystem(siren, alertId, 'data resumed');
              markers.delete(rule.id);
              closed++;
            }
            continue;
          }
          if (rule.property !== c.property) continue;
          if (rule.operator === 'CHANGE' && !c.advanced) continue; // the value before is unknown on redelivery
          if (conditionHolds(rule, c.entry, c.previous)) {
            if (!markers.has(rule.id) && (await open(rule, c.sensor, c.entry, c.previous))) opened++;
          } else if (closesWhenConditionEnds(rule.operator) && markers.has(rule.id)) {
            await closeBySystem(siren, markers.get(rule.id)!, `back to ${String(c.entry.value)}`);
            markers.delete(rule.id);
            closed++;
          }
        }
      }
      return { opened, closed };
    },

    /** Primary course (scheduled): sensors silent for longer than a FROZEN rule allows get an alert. */
    detectSilentSensors: async (): Promise<{ checked: number; opened: number }> => {
      const now = clock.now();
      let [checked, opened] = [0, 0];
      for (const rule of await alerts.listFrozenRules()) {
        const siren = rule.territory;
        const sensors =
          'sensorId' in rule.scope
            ? [...(await registry.getSensors(siren, [rule.scope.sensorId])).values()]
            : await registry.listSensors(siren, { type: rule.scope.type });
        const latest = await observations.getLatest(
          siren,
          sensors.map((s) => s.id),
        );
        for (const sensor of sensors) {
          checked++;
          if (
            isSilent(rule, now, lastObservedAt(latest.get(sensor.id)), sensor.createdAt) &&
            (await open(rule, sensor))
          )
            opened++;
        }
      }
      return { checked, opened };
    },

    /** Alerts in a state, newest first; a commune agent sees its commune's only. */
    listAlerts: async (
      principal: Principal,
      siren: string,
      state: AlertState,
      limit: number,
      cursor?: string,
    ): Promise<Page<Alert>> => {
      assertTerritoryStaff(principal, siren);
      const scope = principal.commune ? { commune: principal.commune } : {};
      return alerts.listAlerts(siren, state, scope, limit, cursor);
    },

    getAlert: requireAlert,

    /** Primary course: an agent takes an open alert in hand; it stays open until the data or an agent closes it. */
    acknowledge: async (principal: Principal, siren: string, alertId: string, note?: string): Promise<Alert> => {
      const alert = await requireAlert(principal, siren, alertId);
      if (alert.state !== 'open') refuse(`Alert ${alertId} is ${alert.state}`, 'alert-is-open');
      return transition(
        alert,
        {
          state: 'acknowledged',
          acknowledgedAt: clock.now().toISOString(),
          acknowledgedBy: principal.sub,
          ...(note ? { note } : {}),
        },
        principal,
      );
    },

    /** Primary course: an agent closes an alert; the same condition may open a new one afterwards. */
    close: async (principal: Principal, siren: string, alertId: string, note?: string): Promise<Alert> => {
      const alert = await requireAlert(principal, siren, alertId);
      if (alert.state === 'closed') refuse(`Alert ${alertId} is already closed`, 'alert-not-closed');
      return transition(
        alert,
        { state: 'closed', closedAt: clock.now().toISOString(), closedBy: principal.sub, ...(note ? { note } : {}) },
        principal,
      );
    },
  };
};
