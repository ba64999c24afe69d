'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
exports.ForbiddenError =
  exports.ConflictError =
  exports.NotFoundError =
  exports.ValidationError =
  exports.EntenteError =
    void 0;
class EntenteError extends Error {
  details;
  constructor(message, details = {}) {
    super(message);
    this.details = details;
    this.name = new.target.name;
  }
}
exports.EntenteError = EntenteError;
class ValidationError extends EntenteError {
  issues;
  code = 'validation';
  constructor(message, issues = []) {
    super(message, { issues });
    this.issues = issues;
  }
  static of(issues) {
    const summary = issues.map((i) => `${i.field}: ${i.message}`).join('; ');
    return new ValidationError(summary || 'invalid input', issues);
  }
}
exports.ValidationError = ValidationError;
class NotFoundError extends EntenteError {
  code = 'not-found';
  constructor(message, details = {}) {
    super(message, details);
  }
}
exports.NotFoundError = NotFoundError;
class ConflictError extends EntenteError {
  code = 'conflict';
  constructor(message, details = {}) {
    super(message, details);
  }
}
exports.ConflictError = ConflictError;
class ForbiddenError extends EntenteError {
  code = 'forbidden';
  constructor(message, details = {}) {
    super(message, details);
  }
}
exports.ForbiddenError = ForbiddenError;
//# sourceMappingURL=entente.error.js.map
