import { MAX_PAGE_SIZE, offsetPage } from '../src/services/pagination';

describe('the paging rule, held by the services', () => {
  it('turns a numbered page into the rows it skips', () => {
    expect(offsetPage({ page: 1, limit: 10 })).toEqual({ offset: 0, limit: 10 });
    expect(offsetPage({ page: 3, limit: MAX_PAGE_SIZE })).toEqual({ offset: 200, limit: MAX_PAGE_SIZE });
  });

  it('refuses what no transport should pass, naming the field', () => {
    expect(() => offsetPage({ page: 1, limit: MAX_PAGE_SIZE + 1 })).toThrow(`limit must be an integer from 1 to ${MAX_PAGE_SIZE}`);
    expect(() => offsetPage({ page: 1, limit: 0 })).toThrow('limit must be an integer from 1 to');
    expect(() => offsetPage({ page: 0, limit: 10 })).toThrow('page must be an integer from 1 to');
    expect(() => offsetPage({ page: 1.5, limit: 10 })).toThrow('page must be an integer');
  });
});
