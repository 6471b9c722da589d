import { describe, expect, it } from 'vitest';
import { type ApplicablePolicy, type ComplianceDevice, evaluateCompliance } from './compliance.js';

const HEADSET = 'product-headset';
const PHONE = 'product-phone';
const SALES = 'group-sales';
const EXECS = 'group-execs';

const device = (over: Partial<ComplianceDevice> = {}): ComplianceDevice => ({
  productId: HEADSET,
  firmware: { main: '1.58', headset: '1.58', bluetooth: '3.9.4' },
  userGroupIds: [EXECS, SALES],
  ...over,
});

const policy = (id: string, over: Partial<ApplicablePolicy> = {}): ApplicablePolicy => ({
  id,
  productId: HEADSET,
  userGroupId: null,
  component: 'main',
  targetVersion: '1.58',
  ...over,
});

describe('evaluateCompliance', () => {
  it('is unknown without any applicable policy', () => {
    expect(evaluateCompliance(device(), [])).toEqual({ status: 'unknown', policyId: null });
    expect(evaluateCompliance(device(), [policy('p1', { productId: PHONE })])).toEqual({
      status: 'unknown',
      policyId: null,
    });
    expect(evaluateCompliance(device(), [policy('p1', { userGroupId: 'group-other' })])).toEqual({
      status: 'unknown',
      policyId: null,
    });
  });

  it('is compliant when the component runs exactly the target version', () => {
    expect(evaluateCompliance(device(), [policy('p1')])).toEqual({ status: 'compliant', policyId: 'p1' });
    expect(evaluateCompliance(device(), [policy('p1', { targetVersion: ' 1.58 ' })]).status).toBe('compliant');
  });

  it('is noncompliant on any other version, older or newer', () => {
    expect(evaluateCompliance(device(), [policy('p1', { targetVersion: '1.63' })])).toEqual({
      status: 'noncompliant',
      policyId: 'p1',
    });
    expect(evaluateCompliance(device(), [policy('p1', { targetVersion: '1.52' })]).status).toBe('noncompliant');
  });

  it('checks the component the policy names', () => {
    expect(
      evaluateCompliance(device(), [policy('p1', { component: 'bluetooth', targetVersion: '3.9.4' })]).status,
    ).toBe('compliant');
    expect(
      evaluateCompliance(device(), [policy('p1', { component: 'bluetooth', targetVersion: '3.10.1' })]).status,
    ).toBe('noncompliant');
  });

  it('is unknown, under the policy, when the device does not report that component', () => {
    expect(evaluateCompliance(device(), [policy('p1', { component: 'base' })])).toEqual({
      status: 'unknown',
      policyId: 'p1',
    });
    expect(evaluateCompliance(device({ firmware: { main: null } }), [policy('p1')])).toEqual({
      status: 'unknown',
      policyId: 'p1',
    });
  });

  it('prefers product + group over product over group over tenant-wide', () => {
    const tenantWide = policy('p0', { productId: null, targetVersion: 'x' });
    const groupOnly = policy('p1', { productId: null, userGroupId: SALES, targetVersion: 'y' });
    const productOnly = policy('p2', { targetVersion: '1.52' });
    const productAndGroup = policy('p3', { userGroupId: SALES, targetVersion: '1.58' });
    const all = [tenantWide, groupOnly, productOnly, productAndGroup];
    expect(evaluateCompliance(device(), all)).toEqual({ status: 'compliant', policyId: 'p3' });
    expect(evaluateCompliance(device(), all.slice(0, 3))).toEqual({ status: 'noncompliant', policyId: 'p2' });
    expect(evaluateCompliance(device(), all.slice(0, 2)).policyId).toBe('p1');
    expect(evaluateCompliance(device(), all.slice(0, 1)).policyId).toBe('p0');
  });

  it('among group policies, follows the person’s group priority', () => {
    const forSales = policy('p-sales', { userGroupId: SALES, targetVersion: '1.52' });
    const forExecs = policy('p-execs', { userGroupId: EXECS, targetVersion: '1.58' });
    expect(evaluateCompliance(device(), [forSales, forExecs])).toEqual({ status: 'compliant', policyId: 'p-execs' });
    expect(evaluateCompliance(device({ userGroupIds: [SALES, EXECS] }), [forExecs, forSales])).toEqual({
      status: 'noncompliant',
      policyId: 'p-sales',
    });
  });

  it('ignores group policies for devices without an owner’s groups', () => {
    const forSales = policy('p-sales', { userGroupId: SALES, targetVersion: '1.52' });
    const general = policy('p-all', { targetVersion: '1.58' });
    expect(evaluateCompliance(device({ userGroupIds: [] }), [forSales, general])).toEqual({
      status: 'compliant',
      policyId: 'p-all',
    });
  });

  it('breaks remaining ties by the smallest policy id, whatever the input order', () => {
    const a = policy('0190-a', { targetVersion: '1.58' });
    const b = policy('0190-b', { targetVersion: '1.46' });
    expect(evaluateCompliance(device(), [b, a]).policyId).toBe('0190-a');
    expect(evaluateCompliance(device(), [a, b]).policyId).toBe('0190-a');
  });

  it('judges a "latest" policy against the newest release of the device’s product, unknown without one', () => {
    const latest = policy('p-latest', {
      targetVersion: 'Latest',
      latestByProduct: new Map([[HEADSET, '1.58']]),
    });
    expect(evaluateCompliance(device(), [latest])).toEqual({ status: 'compliant', policyId: 'p-latest' });
    expect(evaluateCompliance(device({ firmware: { main: '1.52' } }), [latest]).status).toBe('noncompliant');
    const anyProduct = { ...latest, productId: null, latestByProduct: new Map([[PHONE, '9.0']]) };
    expect(evaluateCompliance(device(), [anyProduct])).toEqual({ status: 'unknown', policyId: 'p-latest' });
    expect(evaluateCompliance(device({ productId: null }), [anyProduct])).toEqual({
      status: 'unknown',
      policyId: 'p-latest',
    });
    expect(evaluateCompliance(device(), [{ ...latest, latestByProduct: undefined }]).status).toBe('unknown');
  });
});
