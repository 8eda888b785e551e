return { notAComponent: true };
