import { Link } from 'react-router';
import { Heading, Paragraph } from '../components/ui';

export function NotFoundPage() {
  return (
    <div className="koers-stack">
      <Heading level={1}>Pagina niet gevonden</Heading>
      <Paragraph>
        Deze pagina bestaat niet (meer). Ga naar de{' '}
        <Link to="/" className="utrecht-link">
          startpagina
        </Link>
        .
      </Paragraph>
    </div>
  );
}
