export * from './form.types';
export * from './form-definition';
export * from './answers';
export * from './form-breaks';
export * from './eligibility-rules';
export * from './answer-cells';
export * from './judge-view';
