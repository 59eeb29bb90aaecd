import { Component, type ReactNode } from 'react';
import { Alert } from './ui';

/** A failing page shows a Dutch message instead of a blank screen; navigation keeps working. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidUpdate(previous: { resetKey: string }): void {
    if (previous.resetKey !== this.props.resetKey && this.state.failed) this.setState({ failed: false });
  }

  override render(): ReactNode {
    if (this.state.failed) return <Alert type="error">Deze pagina kon niet worden getoond. Probeer het opnieuw of kies een ander onderdeel.</Alert>;
    return this.props.children;
  }
}
