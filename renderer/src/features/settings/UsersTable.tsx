import type { UserRow } from '../../../../shared/ipc/contract.js';
import { formatUkDate } from '../../components/date-time.js';
import { ROLE_LABELS } from './roles.js';

interface UsersTableProps {
  users: readonly UserRow[];
  /** The signed-in user, marked "(you)". */
  me: string | null;
  onRemove(user: UserRow): void;
}

/** The id of a user's Remove button, so focus can go back to it after "Cancel". */
export function removeButtonId(index: number): string {
  return `remove-user-${index}`;
}

export function UsersTable({ users, me, onRemove }: UsersTableProps) {
  if (users.length === 0) return <p className="body">No users are set up.</p>;
  return (
    <div className="table-wrapper">
      <table className="table" data-testid="users-table">
        <caption className="visually-hidden">Users who can unlock this store</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Organisation</th>
            <th scope="col">Added</th>
            <th scope="col">
              <span className="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user, index) => (
            <tr key={user.user}>
              <th scope="row">
                {user.user}
                {user.user === me ? <span className="table__detail">This is you</span> : null}
              </th>
              <td>{ROLE_LABELS[user.role]}</td>
              <td>{user.organisation ?? <span className="secondary-text">None</span>}</td>
              <td>
                <time dateTime={user.createdAt}>{formatUkDate(user.createdAt)}</time>
              </td>
              <td>
                <button type="button" className="link-button" id={removeButtonId(index)} onClick={() => onRemove(user)}>
                  Remove<span className="visually-hidden"> {user.user}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
